/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {
    ProgressBarField,
    progressBarField,
} from "@web/views/fields/progress_bar/progress_bar_field";
import {onWillUnmount} from "@odoo/owl";
import {registry} from "@web/core/registry";

// How often a queued import is read again.
export const REFRESH_MS = 2000;

// The progress bar of a lead import that, while the import runs in the
// background, reads the record again: the job commits its progress apart,
// and the user sees it move without reloading the page.
export class ImportProgressField extends ProgressBarField {
    setup() {
        super.setup();
        const timer = setInterval(() => {
            const record = this.props.record;
            if (record.data.state === "queued" && !record.dirty) {
                record.load();
            }
        }, REFRESH_MS);
        onWillUnmount(() => clearInterval(timer));
    }
}

registry.category("fields").add("crm_digital_import_progress", {
    ...progressBarField,
    component: ImportProgressField,
});
