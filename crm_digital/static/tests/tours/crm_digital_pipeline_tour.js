/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A salesperson opens the pipeline, finds their own opportunity (and not a
// colleague's), and opens it.
registry.category("web_tour.tours").add("crm_digital_pipeline", {
    url: "/odoo/action-crm.crm_lead_action_pipeline",
    steps: () => [
        {
            content: "The pipeline shows the salesperson's own opportunity",
            trigger: ".o_kanban_record:contains('Renovación licencias Levante')",
        },
        {
            content: "A colleague's opportunity is not shown",
            trigger: ".o_kanban_renderer:not(:contains('Consultoría Bodegas Rioja'))",
        },
        {
            content: "Open the opportunity",
            trigger: ".o_kanban_record:contains('Renovación licencias Levante')",
            run: "click",
        },
        {
            content: "Its form shows the expected revenue",
            trigger: ".o_form_view .o_field_widget[name=expected_revenue]",
        },
    ],
});
