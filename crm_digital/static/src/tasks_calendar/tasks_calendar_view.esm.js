/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {CalendarModel} from "@web/views/calendar/calendar_model";
import {browser} from "@web/core/browser/browser";
import {calendarView} from "@web/views/calendar/calendar_view";
import {registry} from "@web/core/registry";

// A week of tasks is seven columns of clipped titles on a phone: there the
// calendar opens on one day, each task at full width, until the user picks
// another scale (kept as stock keeps it).
export class TasksCalendarModel extends CalendarModel {
    getLocalStorageScale() {
        if (this.env.isSmall && !browser.localStorage.getItem(this.storageKey)) {
            return "day";
        }
        return super.getLocalStorageScale();
    }
}

registry.category("views").add("crm_digital_tasks_calendar", {
    ...calendarView,
    Model: TasksCalendarModel,
});
