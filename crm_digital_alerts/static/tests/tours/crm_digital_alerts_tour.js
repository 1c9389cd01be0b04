/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {fitsTheScreen} from "@crm_digital/../tests/tours/fits_the_screen";
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A salesperson sees the alert badge on a stuck opportunity's card, opens its
// alerts from the opportunity, then goes back to it from the alert.
registry.category("web_tour.tours").add("crm_digital_alerts", {
    url: "/odoo/action-crm.crm_lead_action_pipeline",
    steps: () => [
        {
            content: "The stuck opportunity's card wears a bell badge",
            trigger:
                ".o_kanban_record:contains('Renovación licencias Levante') .badge:has(.fa-bell):contains('1')",
        },
        {
            content: "A colleague's alert is not shown",
            trigger: ".o_kanban_renderer:not(:contains('Consultoría Bodegas Rioja'))",
        },
        {
            content: "Open the opportunity",
            trigger: ".o_kanban_record:contains('Renovación licencias Levante')",
            run: "click",
        },
        // Phones fold the smart buttons away.
        stepUtils.autoExpandMoreButtons(),
        {
            content: "Open its alerts",
            trigger: "button[name=action_crm_digital_alerts]:contains('Alerts')",
            run: "click",
        },
        {
            content: "The alert says how long it has been stuck",
            trigger:
                ".o_data_row td[name=name]:contains('20 days in'), .o_kanban_record:contains('20 days in')",
            run: "click",
        },
        stepUtils.autoExpandMoreButtons(),
        {
            content: "Go back to the opportunity from the alert",
            trigger: "button[name=action_open_source]",
            run: "click",
        },
        {
            content: "The opportunity is open again",
            trigger: ".o_form_view .o_field_widget[name=expected_revenue]",
        },
    ],
});

// The alerts list on a phone: a card per alert with its customer, how urgent
// it is and the way to its opportunity, nothing off to the side.
registry.category("web_tour.tours").add("crm_digital_alerts_screen", {
    steps: () => [
        {
            content: "The alert names its deal, its customer and how urgent it is",
            trigger:
                ".o_crm_digital_alerts .o_kanban_record:contains('20 days in'):contains('Talleres Albufera'):contains('Urgent')",
        },
        fitsTheScreen(".o_crm_digital_alerts .o_kanban_record"),
        fitsTheScreen(".o_crm_digital_alerts .o_kanban_record button[name=action_open_source]"),
        {
            content: "Go to the opportunity from the card",
            trigger:
                ".o_crm_digital_alerts .o_kanban_record:contains('20 days in') button[name=action_open_source]",
            run: "click",
        },
        {
            content: "The opportunity is open",
            trigger: ".o_form_view .o_field_widget[name=expected_revenue]",
        },
    ],
});
