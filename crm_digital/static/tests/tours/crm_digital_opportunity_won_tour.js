/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {queryFirst, waitFor} from "@odoo/hoot-dom";
import {formatDate} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";

const {DateTime} = luxon;
const BAR = ".o_form_view .o_statusbar_status";

// The stage bar shows as many stages as the screen holds, beside "..." menus,
// or, when even the next stage does not fit (a phone, once stages show their
// days), a single menu of stages: the stage is chosen where the user finds it.
// Choosing a stage saves the opportunity.
function moveTo(stage) {
    return {
        content: `Move to ${stage}`,
        trigger: BAR,
        async run(helpers) {
            const shown = queryFirst(
                `${BAR} .o_arrow_button:not(.dropdown-toggle):visible:contains('${stage}')`
            );
            if (shown?.classList.contains("o_arrow_button_current")) {
                return;
            }
            if (shown) {
                await helpers.click(shown);
                return;
            }
            await helpers.click(`${BAR} .dropdown-toggle:not(.o_arrow_button):visible`);
            await helpers.click(
                await waitFor(`.o-dropdown--menu .dropdown-item:contains('${stage}')`)
            );
        },
    };
}

function savedIn(stage) {
    return [
        {
            content: `The opportunity is in ${stage}`,
            trigger: [
                `${BAR} .o_arrow_button_current:visible:contains('${stage}')`,
                `${BAR} .dropdown-toggle:not(.o_arrow_button):visible:contains('${stage}')`,
            ].join(", "),
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
        moveTo("Offer Presented"),
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
            content: "Give the expected closing date, in the user's date format",
            trigger: ".o_field_widget[name=date_deadline] input",
            run: `edit ${formatDate(DateTime.now().plus({months: 1}))}`,
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
        // Kept on the form while it lacked revenue and date: saved with them.
        ...savedIn("Offer Presented"),
        moveTo("In Negotiation"),
        ...savedIn("In Negotiation"),
        moveTo("Won"),
        {
            content: "The opportunity shows as won",
            trigger: ".o_form_view .ribbon:contains('Won')",
        },
        {
            content: "Saved as won",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
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
