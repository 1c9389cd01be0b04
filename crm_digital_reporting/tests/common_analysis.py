# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tools.safe_eval import safe_eval

from odoo.addons.crm_digital.tests.common import CrmDigitalCommon


class AnalysisCommon(CrmDigitalCommon):
    """Opens an analysis action as the web client does, and reads its pivot."""

    def _open(self, xmlid, user):
        """The action as ``user`` loads it: its model in the action's context,
        its domain, the groupbys and measures of its pivot, its search view."""
        action = self.env["ir.actions.actions"].with_user(user)._for_xml_id(xmlid)
        context = safe_eval(action["context"] or "{}", {"uid": user.id})
        model = self.env[action["res_model"]].with_user(user).with_context(**context)
        search_view = action["search_view_id"] and action["search_view_id"][0]
        views = model.get_views([*action["views"], [search_view, "search"]])
        pivot = etree.fromstring(views["views"]["pivot"]["arch"])
        search = etree.fromstring(views["views"]["search"]["arch"])
        return {
            "model": model,
            "context": context,
            "domain": safe_eval(action["domain"] or "[]", {"uid": user.id}),
            "groupby": [
                f"{node.get('name')}:{node.get('interval')}"
                if node.get("interval")
                else node.get("name")
                for kind in ("row", "col")
                for node in pivot.iterfind(f"field[@type='{kind}']")
            ],
            "measures": [
                node.get("name") for node in pivot.iterfind("field[@type='measure']")
            ],
            "views": views["views"],
            "search": search,
        }

    def _pivot(self, analysis, domain, groupby=None, measures=None):
        """{group values: {measure: value}} of the pivot, as read_group gives it
        to the web client, restricted to ``domain`` (the fixtures)."""
        groupby = groupby or analysis["groupby"]
        measures = measures or analysis["measures"]
        groups = analysis["model"].read_group(
            analysis["domain"] + domain, measures, groupby, lazy=False
        )
        return {
            tuple(
                group[name][0] if isinstance(group[name], tuple) else group[name]
                for name in groupby
            ): {measure: group[measure] for measure in [*measures, "__count"]}
            for group in groups
        }

    @staticmethod
    def _default_filters(analysis):
        """The domain of the action's default (non-date) search filters."""
        domain = []
        for key in analysis["context"]:
            name = key.removeprefix("search_default_")
            for node in analysis["search"].iterfind(f".//filter[@name='{name}']"):
                if not node.get("date"):
                    domain += safe_eval(node.get("domain") or "[]")
        return domain

    @staticmethod
    def _date_filters(analysis):
        return {
            node.get("date")
            for node in analysis["search"].iter("filter")
            if node.get("date")
        }

    @staticmethod
    def _group_bys(analysis):
        return {
            safe_eval(node.get("context"))["group_by"]
            for node in analysis["search"].iter("filter")
            if "group_by" in (node.get("context") or "")
        }
