/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The name of the lead the pop-up is about: tests/test_ui.py gives it. Were
// it taken for HTML, its image would fail to load and log an error, which
// fails the tour too.
export const SCRIPT_NAME = '<img src=x onerror=console.error("crm_digital_alerts_xss")>';

// The team leader has the pipeline open when an alert is raised on the server:
// it pops up, shows the lead's name as text, and its Open button opens the lead.
registry.category("web_tour.tours").add("crm_digital_alerts_popup", {
    url: "/odoo/action-crm.crm_lead_action_pipeline",
    steps: () => [
        {
            content: "The pipeline is open (the test raises the alert now)",
            trigger: ".o_kanban_renderer",
        },
        {
            content: "The alert pops up",
            trigger: ".o_notification:has(.o_notification_title:contains('Customer alert'))",
            // The alert is raised once the browser listens to the bus.
            timeout: 30000,
            run() {
                const content = this.anchor.querySelector(".o_notification_content");
                if (!content.textContent.includes(SCRIPT_NAME)) {
                    throw new Error(
                        `The pop-up does not show the lead's name as text: ${content.innerHTML}`
                    );
                }
                if (this.anchor.querySelector("img, script, [onerror]")) {
                    throw new Error(
                        `The pop-up renders the lead's name as HTML: ${content.innerHTML}`
                    );
                }
            },
        },
        {
            content: "Open the lead from the pop-up",
            trigger:
                ".o_notification:has(.o_notification_title:contains('Customer alert')) .o_notification_buttons button:contains('Open')",
            run: "click",
        },
        {
            content: "The lead is open, its name as typed",
            trigger: ".o_form_view .o_field_widget[name=name] :is(input, textarea)",
            run() {
                if (this.anchor.value !== SCRIPT_NAME) {
                    throw new Error(`Another record is open: ${this.anchor.value}`);
                }
            },
        },
        {
            content: "The pop-up is gone",
            trigger: "body:not(:has(.o_notification:has(.o_notification_title:contains('Customer alert'))))",
        },
    ],
});
