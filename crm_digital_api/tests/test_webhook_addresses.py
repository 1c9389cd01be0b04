# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ipaddress

from odoo.tests import BaseCase, tagged

from ..addresses import parse_allowed, refused_address

NOTHING = parse_allowed("")


def resolving(*addresses):
    """A resolver that answers `addresses` for every host."""
    return lambda host, port: {ipaddress.ip_address(a) for a in addresses}


@tagged("post_install", "-at_install")
class TestWebhookAddresses(BaseCase):
    def test_public_addresses_are_sent_to(self):
        public = resolving("8.8.8.8")
        self.assertIsNone(refused_address("https://hooks.ejemplo.es/", NOTHING, public))
        self.assertIsNone(refused_address("https://[2001:4860::8888]/", NOTHING))

    def test_internal_addresses_are_refused(self):
        for url in (
            "http://127.0.0.1:8069/web/database/manager",
            "http://localhost/",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/",
            "http://192.168.1.10:9200/",
            "http://[::1]/",
            "http://0.0.0.0/",
            "http://[::ffff:127.0.0.1]/",
        ):
            with self.subTest(url=url):
                self.assertTrue(
                    refused_address(url, NOTHING, resolving("127.0.0.1")), url
                )

    def test_a_name_that_resolves_inside_is_refused(self):
        refused = refused_address(
            "https://erp.ejemplo.es/hook", NOTHING, resolving("8.8.8.8", "10.0.0.5")
        )
        self.assertEqual(str(refused), "10.0.0.5")

    def test_the_consultant_allows_hosts_and_networks_by_name(self):
        allowed = parse_allowed("erp.local, *.intranet.es\n10.0.0.0/8 127.0.0.1")
        inside = resolving("192.168.7.7")
        self.assertIsNone(refused_address("http://erp.local/hook", allowed, inside))
        self.assertIsNone(
            refused_address("http://almacen.intranet.es/", allowed, inside)
        )
        self.assertIsNone(refused_address("http://10.20.30.40/", allowed, inside))
        self.assertIsNone(refused_address("http://127.0.0.1:8000/", allowed, inside))
        self.assertTrue(refused_address("http://otro.local/", allowed, inside))
        self.assertTrue(refused_address("http://intranet.es.evil/", allowed, inside))

    def test_a_host_that_does_not_resolve_is_left_to_the_delivery(self):
        self.assertIsNone(
            refused_address("https://nadie.invalid/", NOTHING, lambda h, p: None)
        )
