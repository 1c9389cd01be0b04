/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {
    StatusBarDurationField,
    statusBarDurationField,
} from "@mail/views/fields/statusbar_duration/statusbar_duration_field";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

const DAY = 86400;

/**
 * The stage bar with the time in each stage in whole days, as the stuck
 * warning and the stage history count it ("93 d", never "3m" that a reader
 * takes for minutes), from the stage history the server keeps.
 */
export class StageDaysField extends StatusBarDurationField {
    getAllItems() {
        const items = super.getAllItems();
        const seconds = this.props.record.data.crm_digital_stage_seconds || {};
        for (const item of items) {
            const spent = seconds[item.value];
            if (spent === undefined) {
                item.shortTimeInStage = 0;
                continue;
            }
            const days = Math.floor(spent / DAY);
            item.shortTimeInStage = _t("%s d", days);
            item.fullTimeInStage =
                days === 1 ? _t("1 day in this stage") : _t("%s days in this stage", days);
        }
        return items;
    }
}

export const stageDaysField = {
    ...statusBarDurationField,
    component: StageDaysField,
    displayName: _t("Status with days in stage"),
    // Instead of stock's duration_tracking, not beside it.
    fieldDependencies: [{name: "crm_digital_stage_seconds", type: "json"}],
};

registry.category("fields").add("crm_digital_stage_days", stageDaysField);
