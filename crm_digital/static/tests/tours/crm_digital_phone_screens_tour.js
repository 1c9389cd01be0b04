/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {fitsTheScreen} from "@crm_digital/../tests/tours/fits_the_screen";
import {registry} from "@web/core/registry";

// A salesperson's tasks: each says what it is, on what and for which customer,
// with its Done button at hand.
registry.category("web_tour.tours").add("crm_digital_tasks_screen", {
    steps: () => [
        {
            content: "The task names its opportunity and its customer",
            trigger:
                ".o_crm_digital_tasks .o_kanban_record:contains('Llamar al gerente'):contains('Renovación licencias Levante'):contains('Bodegas Turia')",
        },
        fitsTheScreen(".o_crm_digital_tasks .o_kanban_record button[name=action_done]"),
        fitsTheScreen(".o_crm_digital_tasks .o_kanban_record"),
        {
            content: "Mark it done",
            trigger: ".o_crm_digital_tasks .o_kanban_record:contains('Llamar al gerente') button[name=action_done]",
            run: "click",
        },
        {
            content: "It leaves the list of tasks due",
            trigger: ".o_crm_digital_tasks:not(:contains('Llamar al gerente'))",
        },
    ],
});

// The customer's history: what happened, newest first, amounts where there
// are some, planned activities apart.
registry.category("web_tour.tours").add("crm_digital_history_screen", {
    steps: () => [
        {
            content: "The quotation is in the history with its amount",
            trigger: ".o_crm_digital_history .o_kanban_record:contains('Quotation'):contains('1,500.00')",
        },
        {
            content: "A planned activity is not mixed with what happened",
            trigger: ".o_crm_digital_history:not(:contains('Llamar al gerente'))",
        },
        fitsTheScreen(".o_crm_digital_history .o_kanban_record"),
    ],
});

// The leads open as cards on a phone, with the import beside New (the
// phone folds the view's buttons under New's arrow, as Odoo does).
registry.category("web_tour.tours").add("crm_digital_leads_import_button", {
    steps: () => [
        {
            content: "Leads are cards: open the buttons beside New",
            trigger: ".o_kanban_view .o_control_panel button.dropdown-toggle.o_control_panel_collapsed_create",
            run: "click",
        },
        fitsTheScreen(".o_control_panel .o_crm_digital_import_file"),
        {
            content: "Import a file",
            trigger: ".o_control_panel .o_crm_digital_import_file",
            run: "click",
        },
        {
            content: "The import asks for the file",
            trigger: ".o_form_view .o_field_widget[name=file]",
        },
    ],
});

// On an opportunity, its quotations are in sight, not folded away.
registry.category("web_tour.tours").add("crm_digital_opportunity_phone_buttons", {
    steps: () => [
        fitsTheScreen(".o_form_view [name=crm_digital_phone_buttons] button[name=action_view_sale_quotation]"),
        {
            content: "Open the quotations",
            trigger: ".o_form_view [name=crm_digital_phone_buttons] button:contains('Quotations')",
            run: "click",
        },
        {
            content: "The opportunity's quotation is listed",
            trigger: ".o_data_row:contains('1,500.00'), .o_kanban_record:contains('1,500.00')",
        },
    ],
});

// Two offers side by side on a phone: a card each, one chosen from its card.
registry.category("web_tour.tours").add("crm_digital_compare_phone", {
    steps: () => [
        {
            content: "Compare the opportunity's offers",
            trigger: ".o_form_view [name=crm_digital_phone_buttons] button[name=action_crm_digital_compare_quotations]",
            run: "click",
        },
        {
            content: "Each offer is a card with its total",
            trigger: ".o_crm_digital_compare .o_kanban_record:contains('3,000.00')",
        },
        fitsTheScreen(".o_crm_digital_compare .o_kanban_record button[name=action_crm_digital_choose]"),
        {
            content: "Choose the larger offer",
            trigger: ".o_crm_digital_compare .o_kanban_record:contains('3,000.00') button[name=action_crm_digital_choose]",
            run: "click",
        },
        {
            content: "It is the chosen offer",
            trigger: ".o_crm_digital_compare .o_kanban_record:contains('3,000.00'):contains('Chosen Offer')",
        },
    ],
});

// The tasks' calendar on a phone: one day, each task at full width.
registry.category("web_tour.tours").add("crm_digital_tasks_calendar_screen", {
    steps: () => [
        {
            content: "Open the view switcher",
            trigger: ".o_cp_switch_buttons .dropdown-toggle, .o_cp_switch_buttons > button",
            run: "click",
        },
        {
            content: "Switch to the calendar",
            trigger: ".dropdown-item:has(.fa-calendar)",
            run: "click",
        },
        {
            content: "The calendar opens on one day",
            trigger: ".o_calendar_view .fc-timeGridDay-view",
        },
        {
            content: "The task reads whole",
            trigger: ".o_calendar_view .fc-event:contains('Llamar al gerente')",
            run() {
                const event = document.querySelector(".o_calendar_view .fc-event");
                if (event.getBoundingClientRect().width < 200) {
                    throw new Error(`The task is ${event.getBoundingClientRect().width} px wide`);
                }
            },
        },
        fitsTheScreen(".o_calendar_view .fc-event"),
    ],
});

// A customer's commercial stage and last deal, under its name.
registry.category("web_tour.tours").add("crm_digital_customer_header", {
    steps: () => [
        {
            content: "The commercial stage is a badge under the name",
            trigger:
                ".o_form_view .oe_title div[name=crm_digital_lifecycle_header] .badge:contains('Prospect')",
        },
        fitsTheScreen(".o_form_view div[name=crm_digital_lifecycle_header]"),
    ],
});

// The files imported, on a phone: a card each with what came of it.
registry.category("web_tour.tours").add("crm_digital_lead_imports_screen", {
    steps: () => [
        {
            content: "The file's card says how many rows it had and what came of them",
            trigger:
                ".o_crm_digital_lead_imports .o_kanban_record:contains('plantilla_leads_errores.csv'):contains('rows:'):contains('rejected')",
        },
        fitsTheScreen(".o_crm_digital_lead_imports .o_kanban_record"),
        {
            content: "Open it",
            trigger: ".o_crm_digital_lead_imports .o_kanban_record:contains('plantilla_leads_errores.csv')",
            run: "click",
        },
        {
            content: "Its rejection file is there to download",
            trigger: ".o_form_view .o_field_widget[name=rejection_file]",
        },
    ],
});
