/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

const CSV = [
    "Oportunidad;Empresa;Email;NIF;Fecha de alta",
    "Web nueva;Hornos Alzira, S.L.;info@hornosalzira.es;;01/02/2024",
    "ERP;Riegos Turia, S.A.;correo-roto@;;",
    "Sin datos;;;B1234;",
].join("\n");

// A salesperson uploads a file, sees the preview, imports it and reads the
// summary: two leads created (one with a problem kept as written), one row
// rejected for its tax ID.
registry.category("web_tour.tours").add("crm_digital_lead_import", {
    steps: () => [
        {
            content: "Choose the file",
            trigger: ".o_field_widget[name=file]",
            run() {
                const input = document.querySelector(
                    ".o_field_widget[name=file] input[type=file]"
                );
                const transfer = new DataTransfer();
                transfer.items.add(new File([CSV], "feria.csv", {type: "text/csv"}));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The template is recognised and the rows previewed",
            trigger: ".o_field_widget[name=preview] table:contains('Hornos Alzira')",
        },
        {
            content: "The row that will be rejected is shown before importing",
            trigger: ".o_field_widget[name=preview] .table-danger",
        },
        {
            content: "So is the problem that will be kept as written",
            trigger: ".o_field_widget[name=preview] .table-warning:contains('correo-roto@')",
        },
        {
            content: "The column no field takes is said to go to the notes",
            trigger: ".o_field_widget[name=preview] .alert-info:contains('Fecha de alta')",
        },
        {
            content: "Look at the columns",
            trigger: ".o_notebook a:contains(Columns)",
            run: "click",
        },
        {
            content: "The unmapped column goes to the notes",
            trigger:
                ".o_field_widget[name=column_ids] .o_kanban_record:contains('Fecha de alta'):contains('added to the notes'), " +
                ".o_field_widget[name=column_ids] .o_data_row:contains('Fecha de alta'):contains('added to the notes')",
        },
        {
            content: "Import",
            trigger: "button[name=action_import]",
            run: "click",
        },
        {
            content: "Two leads created",
            trigger: ".o_field_widget[name=created_count]:contains(2)",
        },
        {
            content: "One row rejected, with its file to download",
            trigger: ".o_field_widget[name=rejected_count]:contains(1)",
        },
        {
            content: "One row imported with a problem, listed in its file",
            trigger: ".o_field_widget[name=warning_count]:contains(1)",
        },
    ],
});
