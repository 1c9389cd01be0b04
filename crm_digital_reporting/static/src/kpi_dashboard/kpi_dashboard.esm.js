/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {Component, onWillStart, useState} from "@odoo/owl";
import {KeepLast} from "@web/core/utils/concurrency";
import {Layout} from "@web/search/layout";
import {_t} from "@web/core/l10n/translation";
import {formatFloat} from "@web/core/utils/numbers";
import {registry} from "@web/core/registry";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {useService} from "@web/core/utils/hooks";
import {useSetupAction} from "@web/search/action_hook";

const {DateTime} = luxon;

const NONE = "—";

// The KPIs the breakdown table shows, of those the server returns.
const BREAKDOWN_KPIS = [
    "won_amount",
    "won_count",
    "win_rate",
    "average_deal",
    "cancelled_count",
    "open_count",
    "open_amount",
    "forecast_amount",
    "activities_done",
    "activities_overdue",
];

// The KPI whose records a target counts (the server's TARGETS).
const TARGET_KPIS = {
    amount_won: "won_amount",
    opportunities_won: "won_count",
    activities_done: "activities_done",
};

/**
 * The commercial KPIs of whoever opens it (salesperson, team leader or
 * manager, the server decides): the period against the one before and the
 * same one of the commercial year before, each figure opening its records.
 */
export class KpiDashboard extends Component {
    static template = "crm_digital_reporting.KpiDashboard";
    static components = {Layout};
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.keepLast = new KeepLast();
        const restored = this.props.state || {};
        this.state = useState({
            period: restored.period || "month",
            day: restored.day || false,
            cut: restored.cut || false,
            data: null,
            loading: false,
        });
        // Back from a drilldown, the dashboard shows the same figures.
        useSetupAction({
            getLocalState: () => ({
                period: this.state.period,
                day: this.state.day,
                cut: this.state.cut,
            }),
        });
        this.periods = [
            {key: "month", label: _t("Month")},
            {key: "ytd", label: _t("Year to date")},
            {key: "year", label: _t("Commercial year")},
        ];
        this.groupLabels = {
            volume: _t("Volume"),
            efficiency: _t("Efficiency"),
            pipeline: _t("Pipeline"),
            activity: _t("Activity"),
            quotation: _t("Quotations"),
        };
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        try {
            const data = await this.keepLast.add(
                this.orm.call("crm.digital.kpi.report", "get_dashboard", [], {
                    period: this.state.period,
                    day: this.state.day,
                    cut: this.state.cut,
                })
            );
            this.state.data = data;
            this.state.day = data.day;
        } finally {
            this.state.loading = false;
        }
    }

    // ------------------------------------------------------------------
    // What the template shows
    // ------------------------------------------------------------------

    get data() {
        return this.state.data;
    }

    get column() {
        return Object.fromEntries(this.data.columns.map((col) => [col.key, col]));
    }

    /** The year to date's period before is the same as the year before's: shown once. */
    get compareColumns() {
        const {previous, year_before} = this.column;
        return previous.start === year_before.start && previous.end === year_before.end
            ? ["year_before"]
            : ["previous", "year_before"];
    }

    get kpiByKey() {
        return Object.fromEntries(this.data.kpis.map((kpi) => [kpi.key, kpi]));
    }

    get groups() {
        const groups = [];
        for (const kpi of this.data.kpis) {
            let group = groups.find((item) => item.key === kpi.group);
            if (!group) {
                group = {
                    key: kpi.group,
                    label: this.groupLabels[kpi.group] || kpi.group,
                    kpis: [],
                };
                groups.push(group);
            }
            group.kpis.push(kpi);
        }
        return groups;
    }

    get breakdownKpis() {
        const kpis = this.kpiByKey;
        return BREAKDOWN_KPIS.filter((key) => kpis[key]).map((key) => kpis[key]);
    }

    get funnelMax() {
        return Math.max(1, ...this.data.funnel.map((stage) => stage.count));
    }

    get trendMax() {
        return Math.max(
            1,
            ...this.data.trend.flatMap((month) => [
                month.current.won_amount,
                month.year_before.won_amount,
            ])
        );
    }

    get comparedText() {
        if (this.compareColumns.length === 1) {
            return _t("Compared with %s", this.column.year_before.label);
        }
        return _t("Compared with %(previous)s and %(year_before)s", {
            previous: this.column.previous.label,
            year_before: this.column.year_before.label,
        });
    }

    get breakdownTitle() {
        return _t("By %s", this.data.breakdown.label);
    }

    get isToday() {
        return this.state.day === DateTime.local().toISODate();
    }

    format(value, unit) {
        // The server gives False for a figure without a value.
        if (value === false || value === undefined) {
            return NONE;
        }
        switch (unit) {
            case "amount":
                return this.formatAmount(value);
            case "amount_per_day":
                return _t("%s/day", this.formatAmount(value));
            case "percent":
                return `${formatFloat(value * 100, {
                    digits: [69, 1],
                    trailingZeros: false,
                })}%`;
            case "days":
                return _t("%s days", formatFloat(value, {digits: [69, 1]}));
            case "hours":
                return _t("%s h", formatFloat(value, {digits: [69, 1]}));
            default:
                return formatFloat(value, {digits: [69, 0]});
        }
    }

    formatAmount(value) {
        const {symbol, position, digits} = this.data.currency;
        const number = formatFloat(value, {digits: [69, digits]});
        return position === "before"
            ? `${symbol}\u00a0${number}`
            : `${number}\u00a0${symbol}`;
    }

    /** The change against a column, coloured by whether it is good news. */
    variation(kpi, columnKey) {
        const {difference, percent} = kpi.variation[columnKey];
        if (difference === false) {
            return {text: NONE, className: "text-muted", icon: ""};
        }
        const sign = Math.sign(difference);
        const good = kpi.lower_is_better ? sign < 0 : sign > 0;
        const plus = sign > 0 ? "+" : "";
        let text =
            kpi.unit === "percent"
                ? _t("%s pp", plus + formatFloat(difference * 100, {digits: [69, 1]}))
                : plus + this.format(difference, kpi.unit);
        if (percent !== false) {
            text += ` (${plus}${formatFloat(percent, {digits: [69, 1]})}%)`;
        }
        return {
            text,
            className: sign === 0 ? "text-muted" : good ? "text-success" : "text-danger",
            icon: sign === 0 ? "" : sign > 0 ? "fa fa-caret-up" : "fa fa-caret-down",
        };
    }

    targetKpi(target) {
        return TARGET_KPIS[target.kind];
    }

    percentWidth(value, max) {
        return `width: ${Math.min(100, Math.max(0, (value / max) * 100))}%`;
    }

    paceText(target) {
        return _t("At this rate: %s by the end of the period", this.format(target.pace, "percent"));
    }

    // ------------------------------------------------------------------
    // Controls
    // ------------------------------------------------------------------

    setPeriod(period) {
        this.state.period = period;
        this.load();
    }

    /** Moves ``day`` one period back (-1) or forward (1). */
    move(step) {
        const unit = this.state.period === "month" ? "months" : "years";
        this.state.day = DateTime.fromISO(this.state.day).plus({[unit]: step}).toISODate();
        this.load();
    }

    goToday() {
        this.state.day = false;
        this.load();
    }

    setCut(ev) {
        this.state.cut = ev.target.value || false;
        this.load();
    }

    /** Opens the records behind a figure. */
    async drill(kpi, options = {}) {
        const action = await this.orm.call("crm.digital.kpi.report", "get_drilldown", [kpi], {
            period: options.period || this.state.period,
            day: options.day || this.state.day,
            column: options.column || "current",
            cut: options.cutValue === undefined ? false : this.data.breakdown.cut,
            cut_value: options.cutValue === undefined ? false : options.cutValue,
            stage_id: options.stageId || false,
            month: options.month || false,
        });
        await this.action.doAction(action);
    }
}

registry.category("actions").add("crm_digital_kpi_dashboard", KpiDashboard);
