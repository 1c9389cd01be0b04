"""Odoo's own tests of some stock modules, run in a database where our addons
are installed: `stock_tests.py <modules> <odoo-bin options>`.

Odoo runs a module's at_install tests while installing it, before the modules
that depend on it (ours) are loaded; so both phases run here, one after the
other, in the complete registry (as pytest-odoo runs them)."""

import sys

import odoo
from odoo.service import server
from odoo.tools import config


def run_both_phases(modules):
    def preload_registries(dbnames):
        # Imported once the server is in test mode, as Odoo does.
        from odoo.tests import loader
        from odoo.tests.result import OdooTestResult

        rc = 0
        for dbname in dbnames:
            # Loading would run each module's at_install tests in the registry
            # of the modules loaded before it.
            config["test_enable"] = False
            registry = odoo.modules.registry.Registry.new(dbname)
            config["test_enable"] = True
            report = registry._assertion_report = OdooTestResult()
            # The addons' manifests read once, before the browser's parallel
            # requests would read them in several threads at once: CPython
            # 3.11.7's ast is not thread-safe there (gh-106905, fixed in
            # 3.11.8), and a request fails now and then.
            odoo.http.root.statics  # noqa: B018 - computed once, then cached
            for position in ("at_install", "post_install"):
                suite = loader.make_suite(modules, position)
                if suite.has_http_case():
                    with registry.cursor() as cr:
                        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                        env["ir.qweb"]._pregenerate_assets_bundles()
                report.update(loader.run_suite(suite, global_report=report))
            report.log_stats()
            if not report.wasSuccessful():
                rc += 1
        return rc

    return preload_registries


if __name__ == "__main__":
    server.preload_registries = run_both_phases(sys.argv[1].split(","))
    sys.argv = [sys.argv[0], "server", *sys.argv[2:]]
    odoo.cli.main()
