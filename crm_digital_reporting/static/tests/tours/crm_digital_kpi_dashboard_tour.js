/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

const MENU = "crm_digital_reporting.crm_digital_kpi_dashboard_menu";
const WON_AMOUNT = ".o_kpi_card[data-kpi=won_amount] .o_kpi_value";
const LOADED = ".o_crm_digital_kpi_dashboard .container-fluid:not(.opacity-50)";

// Nothing but the Reporting heading (in the "More" menu) comes before it.
function checkFirst(item, heading) {
    const previous = item.previousElementSibling;
    if (
        previous &&
        !(heading && previous.matches(heading) && previous.textContent.trim() === "Reporting")
    ) {
        throw new Error(`${previous.textContent.trim()} comes before the dashboard`);
    }
}

// CRM > Reporting > Dashboard, the first report: from the sections menu on
// wide screens (folded into "More" when they do not fit), from the burger
// menu on phones.
function openFromMenu() {
    return [
        {
            isActive: ["desktop"],
            content: "Open the Reporting menu",
            trigger: ".o_menu_sections",
            async run(helpers) {
                const reporting = document.querySelector(
                    ".o_menu_sections button[data-menu-xmlid='crm.crm_menu_report']"
                );
                await helpers.click(reporting || ".o_menu_sections_more button");
            },
        },
        {
            isActive: ["desktop"],
            content: "The dashboard is the first report; open it",
            trigger: `.o-dropdown--menu .dropdown-item[data-menu-xmlid='${MENU}']`,
            async run(helpers) {
                checkFirst(this.anchor, ".dropdown-header");
                await helpers.click();
            },
        },
        {
            isActive: ["mobile"],
            content: "Open the burger menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "The dashboard is the first report; open it",
            trigger: `.o_burger_menu_content li[data-menu-xmlid='${MENU}']`,
            async run(helpers) {
                checkFirst(this.anchor);
                await helpers.click();
            },
        },
    ];
}

// The page never scrolls sideways: only tables scroll, inside their box.
function checkNoSideScroll() {
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
        throw new Error(`The page is ${root.scrollWidth}px wide in ${root.clientWidth}px`);
    }
    const content = document.querySelector(".o_crm_digital_kpi_dashboard .o_content");
    if (content.scrollWidth > content.clientWidth) {
        throw new Error(`The dashboard is ${content.scrollWidth}px wide in ${content.clientWidth}px`);
    }
    for (const el of content.querySelectorAll("*")) {
        const right = el.getBoundingClientRect().right;
        if (right > root.clientWidth + 1 && !el.parentElement.closest(".table-responsive")) {
            throw new Error(`${el.outerHTML.slice(0, 120)} ends at ${right}px`);
        }
    }
}

function checkRecords(names) {
    const shown = [...document.querySelectorAll(".o_list_view .o_data_row td[name=name]")]
        .map((cell) => cell.textContent.trim())
        .sort();
    const expected = [...names].sort();
    if (JSON.stringify(shown) !== JSON.stringify(expected)) {
        throw new Error(`The list shows ${shown.join(", ")}; expected ${expected.join(", ")}`);
    }
}

/**
 * Each profile opens the dashboard, finds its won amount of the fixtures in
 * the month (not in the month before) and in the year to date, and opens
 * exactly those deals; the manager also cuts by salesperson and opens one's.
 */
function dashboardSteps({profile, wonAmount, wonDeals, breakdown, bySalesperson}) {
    const lastMonth = luxon.DateTime.now().minus({months: 1}).setLocale("en").toFormat("LLLL yyyy");
    const steps = [
        ...openFromMenu(),
        {
            content: `The dashboard is the ${profile}'s`,
            trigger: `.o_kpi_profile:contains('${profile}')`,
        },
        {
            content: `This month's won amount is ${wonAmount}`,
            trigger: `${LOADED} ${WON_AMOUNT}:contains('${wonAmount}')`,
        },
        {
            content: "Nothing sticks out of the screen",
            trigger: `${LOADED} .o_kpi_trend`,
            run: checkNoSideScroll,
        },
        {
            content: "Go to the month before",
            trigger: ".o_kpi_previous",
            run: "click",
        },
        {
            content: `Nothing was won in ${lastMonth}`,
            trigger: `${LOADED}:has(.o_kpi_period_label:contains('${lastMonth}')) ${WON_AMOUNT}:not(:contains('${wonAmount}'))`,
        },
        {
            content: "Back to this month",
            trigger: ".o_kpi_next",
            run: "click",
        },
        {
            content: "Show the year to date",
            trigger: `${LOADED} ${WON_AMOUNT}:contains('${wonAmount}')`,
            run: "click .o_kpi_period[data-period=ytd]",
        },
        {
            content: "The year to date holds this month's deals",
            trigger: `${LOADED}:has(.o_kpi_period[data-period=ytd].btn-primary) ${WON_AMOUNT}:contains('${wonAmount}')`,
            run: checkNoSideScroll,
        },
        {
            content: "Open the won deals",
            trigger: WON_AMOUNT,
            run: "click",
        },
        {
            content: "The list is named after the figure",
            trigger: ".o_last_breadcrumb_item:contains('Won Amount')",
        },
        {
            content: "The list shows exactly the deals won",
            trigger: ".o_list_view .o_data_row",
            run: () => checkRecords(wonDeals),
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "The dashboard still shows the year to date",
            trigger: `${LOADED}:has(.o_kpi_period[data-period=ytd].btn-primary) ${WON_AMOUNT}:contains('${wonAmount}')`,
        },
    ];
    if (breakdown) {
        steps.push({
            content: `${breakdown.row} won ${breakdown.amount}`,
            trigger: `${LOADED} .o_kpi_breakdown tr:contains('${breakdown.row}') td[data-kpi=won_amount]:contains('${breakdown.amount}')`,
        });
    }
    if (bySalesperson) {
        const cell = `.o_kpi_breakdown tr:contains('${bySalesperson.row}') td[data-kpi=won_amount] .o_kpi_drill:contains('${bySalesperson.amount}')`;
        steps.push(
            {
                content: "Cut by salesperson",
                trigger: "select.o_kpi_cut",
                run: "select user_id",
            },
            {
                content: `Open what ${bySalesperson.row} won`,
                trigger: `${LOADED}:has(.o_kpi_breakdown h3:contains('Salesperson')) ${cell}`,
                run: "click",
            },
            {
                content: "The list shows exactly that salesperson's deals",
                trigger: ".o_list_view .o_data_row",
                run: () => checkRecords(bySalesperson.deals),
            }
        );
    }
    return steps;
}

registry.category("web_tour.tours").add("crm_digital_kpi_dashboard_salesperson", {
    steps: () =>
        dashboardSteps({
            profile: "Salesperson",
            wonAmount: "12,000.00",
            wonDeals: ["Won Levante"],
        }),
});

registry.category("web_tour.tours").add("crm_digital_kpi_dashboard_team_leader", {
    steps: () =>
        dashboardSteps({
            profile: "Team Leader",
            wonAmount: "15,000.00",
            wonDeals: ["Won Levante", "Won Turia"],
            // By salesperson: their own deal.
            breakdown: {row: "crmd_salesperson (", amount: "12,000.00"},
        }),
});

registry.category("web_tour.tours").add("crm_digital_kpi_dashboard_manager", {
    steps: () =>
        dashboardSteps({
            profile: "Manager",
            wonAmount: "20,000.00",
            wonDeals: ["Won Levante", "Won Turia", "Won Rioja"],
            // By team: the team leader's team.
            breakdown: {row: "Ventas Directas", amount: "15,000.00"},
            bySalesperson: {row: "crmd_salesperson (", amount: "12,000.00", deals: ["Won Levante"]},
        }),
});
