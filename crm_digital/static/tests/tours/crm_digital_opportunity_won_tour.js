/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The stage bar shows as many stages as the screen holds and folds the others
// into "..." menus (a single menu of stages on the narrowest screens): the
// stage is clicked where it is, as the user would find it.
function moveTo(stage) {
    return [
        {
            content: `Move to ${stage}`,
            trigger: ".o_form_view .o_statusbar_status",
            async run() {
                const bar = document.querySelector(".o_form_view .o_statusbar_status");
                const shown = (el) => el.offsetParent !== null;
                // The stage's name, without the days in it the bar adds.
                const named = (el) => {
                    const days = el.querySelector(".text-muted")?.textContent || "";
                    return el.textContent.replace(days, "").trim() === stage;
                };
                const button = [
                    ...bar.querySelectorAll("button.o_arrow_button:not(.dropdown-toggle)"),
                ].find((el) => shown(el) && named(el));
                if (button) {
                    button.click();
                    return;
                }
                for (const toggle of bar.querySelectorAll(".dropdown-toggle")) {
                    if (!shown(toggle)) {
                        continue;
                    }
                    toggle.click();
                    await new Promise((resolve) => setTimeout(resolve, 200));
                    const item = [...document.querySelectorAll(".dropdown-item")].find(
                        named
                    );
                    if (item) {
                        item.click();
                        return;
                    }
                    toggle.click();
                }
                throw new Error(`Stage ${stage} is nowhere in the stage bar`);
            },
        },
        {
            content: `The opportunity is in ${stage}`,
            trigger: [
                `.o_statusbar_status .o_arrow_button_current:contains('${stage}')`,
                `.o_statusbar_status .dropdown-toggle:not(.o_arrow_button):visible:contains('${stage}')`,
            ].join(", "),
        },
        {
            content: `Save ${stage} if the stage menu of phones left it unsaved`,
            trigger: ".o_form_view",
            run() {
                const save = document.querySelector(".o_form_button_save");
                if (save && save.offsetParent !== null) {
                    save.click();
                }
            },
        },
        {
            content: `Saved in ${stage}`,
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
    ];
}

// A salesperson works an opportunity through the Kit Digital pipeline: the
// offer is refused until its revenue and closing date are known, then
// negotiation, then won.
registry.category("web_tour.tours").add("crm_digital_opportunity_won", {
    steps: () => [
        {
            content: "The opportunity starts In Analysis",
            trigger: ".o_form_view .o_statusbar_status:contains('In Analysis')",
        },
        ...moveTo("Offer Presented").slice(0, 1),
        {
            content: "The stage rule says what is missing",
            trigger:
                ".modal:contains('fill in: Expected Closing, Expected Revenue') .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Give the expected revenue",
            trigger: ".o_field_widget[name=expected_revenue] input",
            run: "edit 4800",
        },
        {
            content: "Give the expected closing date",
            trigger: ".o_field_widget[name=date_deadline] input",
            run: "edit 12/31/2026",
        },
        {
            content: "Confirm the date",
            trigger: ".o_field_widget[name=date_deadline] input",
            run: "press Enter",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
        ...moveTo("Offer Presented"),
        ...moveTo("In Negotiation"),
        ...moveTo("Won"),
        {
            content: "The opportunity shows as won",
            trigger: ".o_form_view .ribbon:contains('Won')",
        },
    ],
});

// Time in stage reads the same on the stage bar and in the stuck warning.
registry.category("web_tour.tours").add("crm_digital_stage_days", {
    steps: () => [
        {
            content: "The warning counts 20 days in the stage",
            trigger: ".o_form_view .alert-warning:contains('20 days in this stage')",
        },
        {
            content: "The stage bar says the same, in days",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current span[title='20 days in this stage']:contains('20 d')",
        },
    ],
});
