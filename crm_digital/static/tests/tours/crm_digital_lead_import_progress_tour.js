/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A salesperson keeps the form of a background import open: its progress
// moves without reloading the page.
registry.category("web_tour.tours").add("crm_digital_lead_import_progress", {
    steps: () => [
        {
            content: "The import is queued, at 40%",
            trigger: ".o_field_widget[name=progress]:contains(40)",
        },
        {
            content: "The progress moves by itself",
            trigger: ".o_field_widget[name=progress]:contains(80)",
            timeout: 15000,
        },
    ],
});
