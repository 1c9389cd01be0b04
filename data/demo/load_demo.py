#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Spanish demo data for CRM Digital.

The story of one Valencian SME selling IT services and software: its sales staff
and teams, its customers and catalogue, and two commercial years (last calendar
year and this one up to today) of leads, opportunities, quotations and activities.

    .venv/bin/python data/demo/load_demo.py --config odoo.conf --database DB

``load(env)`` does the work inside the caller's transaction (the command line
commits). Every record gets an xmlid in the ``crm_digital_demo`` module and
existing ones are skipped, so running it again creates nothing.
"""

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import in_use
from dateutil.relativedelta import relativedelta
from stdnum.es import cif, dni, nif

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

MODULE = "crm_digital_demo"
SEED = 2026
DOMAIN = "solucionesdigitaleslevante.es"

USERS = [
    {"login": "gerente", "name": "Carmen Ruiz López", "role": "manager"},
    {"login": "lider", "name": "Javier Martín Gómez", "role": "team_leader"},
    {"login": "lider2", "name": "Lucía Fernández Díaz", "role": "team_leader"},
    {"login": "lider3", "name": "Pablo Sánchez Moreno", "role": "team_leader"},
    {"login": "comercial1", "name": "Ana García Torres", "role": "salesperson"},
    {"login": "comercial2", "name": "David López Navarro", "role": "salesperson"},
    {"login": "comercial3", "name": "Elena Jiménez Ruiz", "role": "salesperson"},
    {"login": "comercial4", "name": "Sergio Romero Alonso", "role": "salesperson"},
    {"login": "comercial5", "name": "Marta Gil Castro", "role": "salesperson"},
]
ROLE_GROUPS = {
    "manager": "sales_team.group_sale_manager",
    "team_leader": "crm_digital.group_crm_digital_team_leader",
    "salesperson": "sales_team.group_sale_salesman",
}
# key, name, leader, members, share of the business, monthly invoicing target
TEAMS = [
    ("directas", "Ventas Directas", "lider", ["comercial1", "comercial2"], 45, 40000),
    ("partners", "Canal Partners", "lider2", ["comercial3", "comercial4"], 33, 30000),
    ("online", "Ventas Online", "lider3", ["comercial5"], 22, 15000),
]

# city: (state code, postal code, landline prefix)
CITIES = {
    "València": ("V", "46004", "963"),
    "Torrent": ("V", "46900", "961"),
    "Paterna": ("V", "46980", "961"),
    "Utiel": ("V", "46300", "962"),
    "Alzira": ("V", "46600", "962"),
    "Sagunt": ("V", "46500", "962"),
    "Gandia": ("V", "46700", "962"),
    "Xàtiva": ("V", "46800", "962"),
    "Burjassot": ("V", "46100", "963"),
    "Manises": ("V", "46940", "961"),
    "Mislata": ("V", "46920", "963"),
    "Moncada": ("V", "46113", "961"),
    "Quart de Poblet": ("V", "46930", "961"),
    "Ontinyent": ("V", "46870", "962"),
    "Sueca": ("V", "46410", "961"),
    "Alacant": ("A", "03001", "965"),
    "Elx": ("A", "03201", "966"),
    "Elda": ("A", "03600", "965"),
    "Ibi": ("A", "03440", "965"),
    "Alcoi": ("A", "03801", "965"),
    "Benidorm": ("A", "03501", "966"),
    "Dénia": ("A", "03700", "966"),
    "Novelda": ("A", "03660", "965"),
    "Crevillent": ("A", "03330", "965"),
    "Castelló de la Plana": ("CS", "12001", "964"),
    "Onda": ("CS", "12200", "964"),
    "Vila-real": ("CS", "12540", "964"),
    "Vinaròs": ("CS", "12500", "964"),
    "Murcia": ("MU", "30001", "968"),
    "Cartagena": ("MU", "30201", "968"),
    "Lorca": ("MU", "30800", "968"),
    "Albacete": ("AB", "02001", "967"),
    "Teruel": ("TE", "44001", "978"),
    "Cuenca": ("CU", "16001", "969"),
    "Zaragoza": ("Z", "50001", "976"),
    "Madrid": ("M", "28001", "915"),
    "Barcelona": ("B", "08001", "934"),
    "Sabadell": ("B", "08201", "937"),
    "Palma": ("PM", "07001", "971"),
    "Sevilla": ("SE", "41001", "954"),
    "Málaga": ("MA", "29001", "952"),
}
# First two digits of a CIF: the province where the company was registered.
PROVINCE_CODES = {
    "V": 46, "A": 3, "CS": 12, "MU": 30, "AB": 2, "TE": 44, "CU": 16, "Z": 50,
    "M": 28, "B": 8, "PM": 7, "SE": 41, "MA": 29,
}  # fmt: skip
# Legal form suffix: letter of the CIF (None: a self-employed person's NIF)
LEGAL_FORMS = {
    "S.A.": "A", "S.L.": "B", "S.L.P.": "B", "C.B.": "E", "S.Coop. V.": "F",
    "S.Coop. And.": "F", "": None, "Asociación": "G",
}  # fmt: skip
CUSTOMERS = [
    ("Talleres Mecánicos Ferrer", "S.L.", "Torrent"),
    ("Construcciones y Reformas Albufera", "S.L.", "València"),
    ("Clínica Dental Sonrisa Mediterránea", "S.L.P.", "València"),
    ("Distribuciones Alimentarias del Turia", "S.A.", "Paterna"),
    ("Bodegas Vinícolas Utiel-Requena", "S.Coop. V.", "Utiel"),
    ("Gestoría Martínez y Asociados", "S.L.", "Alzira"),
    ("Cerámicas Onda Export", "S.A.", "Onda"),
    ("Transportes Hermanos Navarro", "S.L.", "Sagunt"),
    ("Hotel Playa de Gandia", "S.L.", "Gandia"),
    ("Muebles Artesanos de Xàtiva", "S.L.", "Xàtiva"),
    ("Óptica Visión Levante", "S.L.", "Alacant"),
    ("Calzados Elda Moda", "S.L.", "Elda"),
    ("Juguetes Creativos de Ibi", "S.A.", "Ibi"),
    ("Textil Alcoyana", "S.A.", "Alcoi"),
    ("Inmobiliaria Costa Blanca Home", "S.L.", "Benidorm"),
    ("Náutica Marina Dénia", "S.L.", "Dénia"),
    ("Cítricos La Plana", "S.Coop. V.", "Vila-real"),
    ("Azulejos Castellón Design", "S.L.", "Castelló de la Plana"),
    ("Conservas del Mediterráneo", "S.A.", "Vinaròs"),
    ("Agroexportadora Huerta de Murcia", "S.L.", "Murcia"),
    ("Servicios Navales Cartagena", "S.L.", "Cartagena"),
    ("Pimentón y Especias Lorca", "S.L.", "Lorca"),
    ("Cuchillería Albacetense", "S.L.", "Albacete"),
    ("Jamones de Teruel Selección", "S.L.", "Teruel"),
    ("Quesos Artesanos de Cuenca", "S.L.", "Cuenca"),
    ("Logística Aragón Norte", "S.A.", "Zaragoza"),
    ("Consultoría Financiera Castellana", "S.L.", "Madrid"),
    ("Estudio de Arquitectura Sorolla", "S.L.P.", "València"),
    ("Academia de Idiomas Babel", "S.L.", "València"),
    ("Autoescuela Ruzafa", "S.L.", "València"),
    ("Farmacia Isabel Soler Puig", "", "València"),
    ("Panadería La Espiga Dorada", "S.L.", "Burjassot"),
    ("Ferretería Industrial Paterna", "S.L.", "Paterna"),
    ("Gráficas del Carmen", "S.L.", "València"),
    ("Laboratorio Dental Pérez Orts", "S.L.", "Elx"),
    ("Clínica Veterinaria Els Animals", "S.L.", "Castelló de la Plana"),
    ("Fisioterapia Activa Levante", "S.L.", "Alacant"),
    ("Abogados Llorca y Vidal", "S.L.P.", "València"),
    ("Instalaciones Eléctricas Sanchis", "S.L.", "Manises"),
    ("Climatización Confort Mediterráneo", "S.L.", "Mislata"),
    ("Grupo Hostelero La Malvarrosa", "S.L.", "València"),
    ("Arrocería El Palmar", "C.B.", "València"),
    ("Viveros y Jardinería La Safor", "S.L.", "Gandia"),
    ("Perfumería Aromas de Azahar", "S.L.", "València"),
    ("Asociación Empresarial Horta Nord", "Asociación", "Moncada"),
    ("Colegio Privado Montesol", "S.L.", "Paterna"),
    ("Packaging Sostenible Levante", "S.A.", "Quart de Poblet"),
    ("Recambios Automoción Elche", "S.L.", "Elx"),
    ("Electrodomésticos Hermanos Boix", "S.L.", "Ontinyent"),
    ("Correduría de Seguros Mediterránea", "S.L.", "València"),
    ("Centro Médico Estético Lumière", "S.L.", "Madrid"),
    ("Distribuciones Informáticas Barcelona Tech", "S.L.", "Barcelona"),
    ("Eventos y Congresos Palma", "S.L.", "Palma"),
    ("Aceites de Oliva Sierra Sur", "S.Coop. And.", "Sevilla"),
    ("Marmolería Novelda Stone", "S.L.", "Novelda"),
    ("Tapicerías Crevillent Home", "S.L.", "Crevillent"),
    ("Peluquería y Estética Carmen Vidal", "", "Torrent"),
    ("Agencia de Viajes Mare Nostrum", "S.L.", "Málaga"),
    ("Carpintería Metálica Sueca", "S.L.", "Sueca"),
    ("Centro de Formación Profesional Turia", "S.L.", "València"),
    ("Cosmética Natural Alicante", "S.A.", "Alacant"),
    ("Reformas Integrales Sabadell", "S.L.", "Sabadell"),
]
PROSPECT_KINDS = [
    "Asesoría", "Clínica Veterinaria", "Ferretería", "Autoescuela", "Inmobiliaria",
    "Gestoría", "Óptica", "Academia", "Talleres", "Restaurante", "Hotel",
    "Despacho de Abogados", "Transportes", "Carpintería", "Floristería",
    "Estudio de Arquitectura", "Laboratorio Dental", "Fisioterapia", "Distribuciones",
    "Construcciones", "Panadería", "Bodegas", "Cerámicas", "Electricidad",
]  # fmt: skip
PROSPECT_NAMES = [
    "Mediterráneo", "Levante", "La Marina", "Albufera", "El Carmen", "Ruzafa",
    "San Vicente", "Horta Nord", "Turia", "Costa Blanca", "Montgó", "La Safor",
    "Calderona", "Los Naranjos", "Benimaclet", "El Cabanyal", "Puerto", "Azahar",
    "Serranos", "La Ribera", "Tossal", "Russafa Sur", "Vall d'Albaida", "Benicalap",
]  # fmt: skip
FIRST_NAMES = {
    "m": ["Antonio", "José", "Manuel", "Francisco", "Juan", "Vicente", "Alejandro",
          "Carlos", "Jorge", "Rafael", "Miguel", "Andrés", "Álvaro", "Raúl", "Rubén",
          "Iván", "Joaquín", "Salvador", "Enrique", "Óscar"],
    "f": ["María", "Laura", "Cristina", "Isabel", "Pilar", "Raquel", "Nuria", "Silvia",
          "Beatriz", "Rosa", "Amparo", "Teresa", "Sara", "Paula", "Irene", "Alicia",
          "Mónica", "Inmaculada", "Patricia", "Noelia"],
}  # fmt: skip
SURNAMES = [
    "García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Martín", "Ruiz",
    "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres",
    "Domínguez", "Vidal", "Ferrer", "Soler", "Ortega", "Castillo", "Llorens", "Sanchis",
    "Vila", "Ribes", "Bosch", "Pons", "Mas", "Cervera", "Climent", "Peris",
]  # fmt: skip
FUNCTIONS = [
    ("Gerente", "Gerente"),
    ("Director financiero", "Directora financiera"),
    ("Responsable de informática", "Responsable de informática"),
    ("Jefe de administración", "Jefa de administración"),
    ("Director comercial", "Directora comercial"),
    ("Socio fundador", "Socia fundadora"),
]
STREETS = [
    "Calle Mayor", "Avenida del Puerto", "Calle de la Paz", "Avenida Blasco Ibáñez",
    "Calle San Vicente Mártir", "Gran Vía Marqués del Turia", "Avenida de Aragón",
    "Calle Colón", "Avenida Maisonnave", "Calle Jorge Juan", "Avenida del Mediterráneo",
    "Calle Sagunto", "Polígono Industrial Fuente del Jarro, Calle Ciudad de Sevilla",
    "Calle Reina Doña Germana", "Avenida Pérez Galdós", "Calle Doctor Zamenhof",
]  # fmt: skip

CATEGORIES = [("software", "Software"), ("services", "Servicios"),
              ("kit_digital", "Kit Digital"), ("hardware", "Hardware")]  # fmt: skip
# key, name, internal reference, type, category, price, cost, description
PRODUCTS = [
    ("erp_licence", "Licencia ERP Levante Gestión (usuario/año)", "ERP-LIC",
     "service", "software", 480, 150, "Licencia anual por usuario del ERP."),
    ("erp_support", "Soporte y mantenimiento ERP (mensual)", "ERP-MNT", "service",
     "software", 190, 70, "Soporte, actualizaciones y copias del ERP. Cuota mensual."),
    ("verifactu", "Módulo VeriFactu para ERP", "ERP-VFT", "service", "software",
     950, 300, "Adaptación de la facturación al reglamento VeriFactu."),
    ("office_licence", "Licencia ofimática en la nube (usuario/año)", "CLD-OFI",
     "service", "software", 126, 94, "Correo, ofimática y almacenamiento en la nube."),
    ("cloud_backup", "Copia de seguridad en la nube 100 GB (mensual)", "CLD-BKP",
     "service", "services", 29, 9, "Copia diaria cifrada en España."),
    ("it_support", "Mantenimiento informático por puesto (mensual)", "SRV-MNT",
     "service", "services", 35, 14, "Soporte remoto y presencial."),
    ("consulting_hour", "Hora de consultoría", "SRV-CON", "service", "services",
     65, 30, "Consultoría técnica o funcional por horas."),
    ("training_day", "Jornada de formación a usuarios", "SRV-FOR", "service",
     "services", 450, 200, "Formación presencial de 8 horas."),
    ("install_service", "Instalación y configuración (jornada)", "SRV-INS",
     "service", "services", 380, 160, "Jornada de técnico para instalación in situ."),
    ("web_dev", "Desarrollo de web corporativa", "WEB-COR", "service", "services",
     2400, 1100, "Web corporativa adaptable a móvil, con gestor de contenidos."),
    ("ecommerce_dev", "Desarrollo de tienda online", "WEB-SHOP", "service",
     "services", 4800, 2300, "Con pasarela de pago y envíos."),
    ("kd_web", "Kit Digital: sitio web y presencia en internet", "KD-WEB",
     "service", "kit_digital", 2000, 900, "Solución del programa Kit Digital."),
    ("kd_shop", "Kit Digital: comercio electrónico", "KD-ECO", "service",
     "kit_digital", 2000, 950, "Solución del programa Kit Digital."),
    ("kd_social", "Kit Digital: gestión de redes sociales", "KD-RRSS", "service",
     "kit_digital", 2500, 1200, "Solución del programa Kit Digital (12 meses)."),
    ("kd_security", "Kit Digital: ciberseguridad (dispositivo)", "KD-CIB", "service",
     "kit_digital", 125, 55, "Solución del programa Kit Digital, por dispositivo."),
    ("kd_invoice", "Kit Digital: factura electrónica", "KD-FAC", "service",
     "kit_digital", 1000, 420, "Solución del programa Kit Digital."),
    ("laptop", 'Portátil profesional 14" (i5, 16 GB, 512 GB SSD)', "HW-PORT", "consu",
     "hardware", 899, 690, "Con tres años de garantía."),
    ("nas", "Servidor NAS de 4 bahías", "HW-NAS", "consu", "hardware", 749, 560,
     "NAS con discos de 4 TB en RAID 5."),
    ("firewall", "Cortafuegos UTM para pymes", "HW-UTM", "consu", "hardware",
     1150, 820, "Cortafuegos con licencia de filtrado de un año."),
]  # fmt: skip
# Services billed again every year or month (the yearly support is quoted as
# twelve months, so it stays a one-off line).
RECURRENCES = {"erp_licence": "year", "office_licence": "year",
               "cloud_backup": "month", "it_support": "month"}  # fmt: skip
TAGS = [("kit_digital", "Kit Digital", 10), ("erp", "ERP", 4), ("web", "Web", 2),
        ("ecommerce", "Comercio electrónico", 3), ("hardware", "Hardware", 5),
        ("maintenance", "Mantenimiento", 7), ("security", "Ciberseguridad", 1),
        ("cloud", "Cloud", 6), ("consulting", "Consultoría", 8),
        ("verifactu", "VeriFactu", 9)]  # fmt: skip
SOURCES = [("web_form", "Formulario web", "website"), ("fair", "Feria", "in_person"),
           ("linkedin", "LinkedIn", "social"), ("referral", "Recomendación", "phone"),
           ("reseller", "Distribuidor asociado", "email")]  # fmt: skip
MEDIUMS = [("website", "Sitio web"), ("in_person", "Presencial"),
           ("social", "Redes sociales"), ("phone", "Teléfono"),
           ("email", "Correo electrónico")]  # fmt: skip
TEAM_SOURCES = {
    "directas": {"fair": 30, "referral": 30, "linkedin": 20, "web_form": 20},
    "partners": {"reseller": 60, "referral": 20, "fair": 20},
    "online": {"web_form": 70, "linkedin": 30},
}
# key prefix, name prefix; one campaign a commercial year
CAMPAIGNS = [("kit_digital", "Campaña Kit Digital"),
             ("verifactu", "Jornadas VeriFactu")]  # fmt: skip
LOST_REASONS = [("price", "Precio demasiado alto", 35),
                ("competitor", "Eligió a la competencia", 30),
                ("budget", "Sin presupuesto", 20),
                ("no_answer", "No responde", 15)]  # fmt: skip
# key, title, weights per team (directas, partners, online), lines (product,
# min, max, step), tags, recurring, description
TOPICS = [
    ("erp", "Implantación ERP", (5, 2, 1),
     [("erp_licence", 3, 15, 1), ("consulting_hour", 20, 80, 1),
      ("training_day", 1, 3, 1)],
     ("erp",), False,
     "Quieren sustituir su programa de gestión por un ERP que integre ventas, "
     "compras, almacén y contabilidad."),
    ("erp_support", "Soporte anual del ERP", (3, 1, 1), [("erp_support", 12, 12, 1)],
     ("erp", "maintenance"), True,
     "Tienen el ERP en producción y piden soporte con tiempos de respuesta "
     "garantizados."),
    ("verifactu", "Adaptación a VeriFactu", (3, 2, 2),
     [("verifactu", 1, 1, 1), ("consulting_hour", 2, 8, 1)], ("erp", "verifactu"),
     False,
     "Necesitan adaptar la facturación a VeriFactu antes de que sea obligatorio."),
    ("maintenance", "Mantenimiento informático", (3, 3, 1), [("it_support", 5, 30, 12)],
     ("maintenance",), True,
     "Buscan un proveedor que se encargue del mantenimiento de sus equipos y red."),
    ("backup", "Copias de seguridad en la nube", (2, 3, 2),
     [("cloud_backup", 1, 4, 12)],
     ("cloud", "security"), True,
     "Hacen copias en un disco externo y quieren una copia automática fuera de "
     "la oficina."),
    ("office", "Licencias de ofimática en la nube", (1, 4, 2),
     [("office_licence", 5, 40, 1)], ("cloud",), False,
     "Quieren migrar el correo y los documentos a la nube."),
    ("kd_web", "Kit Digital: sitio web", (1, 1, 5), [("kd_web", 1, 1, 1)],
     ("kit_digital", "web"), False,
     "Tienen concedido el bono Kit Digital y quieren renovar su página web."),
    ("kd_shop", "Kit Digital: comercio electrónico", (1, 1, 5), [("kd_shop", 1, 1, 1)],
     ("kit_digital", "ecommerce"), False,
     "Quieren vender por internet con el bono Kit Digital."),
    ("kd_social", "Kit Digital: redes sociales", (1, 1, 4), [("kd_social", 1, 1, 1)],
     ("kit_digital",), False,
     "Quieren externalizar la gestión de sus redes sociales con el bono Kit Digital."),
    ("kd_security", "Kit Digital: ciberseguridad", (1, 2, 3),
     [("kd_security", 3, 12, 1)], ("kit_digital", "security"), False,
     "Quieren proteger sus equipos con el segmento de ciberseguridad del Kit Digital."),
    ("kd_invoice", "Kit Digital: factura electrónica", (1, 1, 3),
     [("kd_invoice", 1, 1, 1)], ("kit_digital",), False,
     "Necesitan emitir factura electrónica y tienen bono Kit Digital disponible."),
    ("web", "Web corporativa", (2, 1, 4),
     [("web_dev", 1, 1, 1), ("consulting_hour", 4, 16, 1)], ("web",), False,
     "Su web está anticuada y no se ve bien en el móvil."),
    ("shop", "Tienda online a medida", (2, 1, 4),
     [("ecommerce_dev", 1, 1, 1), ("consulting_hour", 10, 40, 1)], ("web", "ecommerce"),
     False, "Quieren una tienda online conectada con su almacén."),
    ("laptops", "Renovación de equipos", (2, 5, 1),
     [("laptop", 3, 15, 1), ("install_service", 1, 3, 1)], ("hardware",), False,
     "Sus ordenadores tienen más de seis años y quieren renovarlos por fases."),
    ("network", "Red y seguridad perimetral", (2, 4, 1),
     [("firewall", 1, 1, 1), ("nas", 1, 2, 1), ("install_service", 1, 2, 1)],
     ("hardware", "security"), False,
     "Han sufrido un intento de ataque y quieren proteger la red de la oficina."),
    ("consulting", "Consultoría de transformación digital", (4, 1, 1),
     [("consulting_hour", 10, 40, 1)], ("consulting",), False,
     "Piden un diagnóstico de sus procesos y un plan de digitalización."),
]  # fmt: skip
NOTES = [
    "Piden presupuesto cerrado antes de fin de mes.",
    "Han solicitado referencias de clientes de su sector.",
    "La decisión la toma la gerencia junto con su asesoría.",
    "Están comparando nuestra propuesta con la de otro proveedor local.",
    "Prefieren empezar después del verano.",
    "Tienen unos 15 empleados y dos centros de trabajo.",
    "Valoran mucho el soporte presencial.",
    "Quieren ver una demostración antes de decidir.",
]
ACTIVITIES = {
    "call": ("mail.mail_activity_data_call", 35, [
        "Llamar para seguimiento de la propuesta", "Llamada de cualificación",
        "Confirmar fecha de inicio del proyecto"]),
    "meeting": ("mail.mail_activity_data_meeting", 20, [
        "Reunión de presentación", "Demostración en sus oficinas",
        "Visita técnica a las instalaciones"]),
    "email": ("mail.mail_activity_data_email", 20, [
        "Enviar propuesta revisada", "Enviar documentación del Kit Digital",
        "Enviar referencias de clientes"]),
    "todo": ("mail.mail_activity_data_todo", 25, [
        "Preparar presupuesto", "Revisar requisitos técnicos",
        "Comprobar el bono Kit Digital del cliente"]),
}  # fmt: skip
# Leads to plan: (type, outcome, how many)
LEAD_MIX = [
    ("lead", "open", 40),
    ("lead", "lost", 25),
    ("opportunity", "open", 135),
    ("opportunity", "won", 110),
    ("opportunity", "lost", 80),
]
SEASON = {1: 1.0, 2: 1.05, 3: 1.15, 4: 1.0, 5: 1.1, 6: 1.0,
          7: 0.8, 8: 0.45, 9: 1.2, 10: 1.25, 11: 1.15, 12: 0.75}  # fmt: skip
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_activity_quick_update": True,
    "no_reset_password": True,
}


def _parser():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    parser.add_argument("-d", "--database", help="database (default: db_name)")
    parser.add_argument("--addons-path", help="Odoo addons path")
    return parser


# ---------------------------------------------------------------------------
# Plan: every figure of the story, drawn from one seeded generator before the
# database is touched, so that two runs describe the same records.
# ---------------------------------------------------------------------------


def _person(rng):
    gender = rng.choice("mf")
    first = rng.choice(FIRST_NAMES[gender])
    last1, last2 = rng.sample(SURNAMES, 2)
    return gender, f"{first} {last1} {last2}"


def _slug(text):
    table = str.maketrans("áàéèíïóòúüñç·'", "aaeeiioouunc  ")
    return "".join(c for c in text.lower().translate(table) if c.isalnum())


def _phone(rng, prefix):
    digits = f"{prefix}{rng.randint(100000, 999999)}"
    return f"+34 {digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"


def _mobile(rng):
    return _phone(rng, f"6{rng.randint(0, 99):02d}")


def _vat(rng, form, state):
    letter = LEGAL_FORMS[form]
    if letter is None:
        number = str(rng.randint(10000000, 79999999))
        vat = number + dni.calc_check_digit(number)
    else:
        body = f"{letter}{PROVINCE_CODES[state]:02d}{rng.randint(0, 99999):05d}"
        vat = body + cif.calc_check_digits(body)[0]
    nif.validate(vat)
    return "ES" + vat


def _domain(name):
    words = name.split()
    return f"{_slug(words[0])}{_slug(words[-1])}.es"


def _email(name, domain):
    first, last = name.split()[:2]
    return f"{_slug(first)}.{_slug(last)}@{domain}"


def _contact(rng, domain):
    gender, name = _person(rng)
    return {
        "name": name,
        "function": rng.choice(FUNCTIONS)[gender == "f"],
        "email": _email(name, domain),
        "mobile": _mobile(rng),
    }


def _address(rng, city):
    state, zip_code, prefix = CITIES[city]
    if city == "València":
        zip_code = f"460{rng.randint(1, 26):02d}"
    street = f"{rng.choice(STREETS)}, {rng.randint(1, 120)}"
    return {"street": street, "city": city, "zip": zip_code, "state": state}, prefix


def _plan_customers(rng):
    customers = []
    teams = [t[0] for t in TEAMS]
    for i, (name, form, city) in enumerate(CUSTOMERS, 1):
        address, prefix = _address(rng, city)
        domain = _domain(name)
        team = rng.choices(teams, [t[4] for t in TEAMS])[0]
        customers.append(
            {
                "key": f"customer_{i:03d}",
                "name": f"{name}, {form}" if form and form != "Asociación" else name,
                "short": name,
                "vat": _vat(rng, form, address["state"]),
                **address,
                "phone": _phone(rng, prefix),
                "email": f"info@{domain}",
                "website": f"https://www.{domain}",
                "team": team,
                "user": rng.choice(_team_users(team)),
                "contact": _contact(rng, domain) if rng.random() < 0.75 else None,
            }
        )
    return customers


def _team_users(team_key):
    team = next(t for t in TEAMS if t[0] == team_key)
    return [team[2], *team[3]]


def _day_weights(days, recent_bias):
    n, this_year = len(days), days[-1].year
    return [
        SEASON[d.month]
        * (1.2 if d.year == this_year else 1.0)
        * (0.1 if d.weekday() >= 5 else 1.0)
        * (1 + recent_bias * i / n)
        for i, d in enumerate(days)
    ]


def _pick_day(rng, start, end, recent_bias=0.0):
    days = [start + timedelta(n) for n in range((end - start).days + 1)]
    return rng.choices(days, _day_weights(days, recent_bias))[0]


def _at(rng, day, now):
    # Office hours in Madrid, stored in UTC.
    moment = datetime.combine(day, datetime.min.time()) + timedelta(
        hours=rng.randint(7, 16), minutes=rng.randint(0, 59)
    )
    return min(moment, now - timedelta(minutes=rng.randint(5, 90)))


def _lines(rng, topic, discounted):
    discount = rng.choice([5, 10, 15]) if discounted else 0
    return [
        (product, rng.randint(low, high) * step, discount)
        for product, low, high, step in topic[3]
    ]


def _amount(lines, prices):
    return round(sum(qty * prices[p] * (100 - disc) / 100 for p, qty, disc in lines), 2)


def _plan_progress(rng, kind, outcome):
    """Return how far the deal got (0-2: early, qualified, proposal) and its quote."""
    if kind == "lead":
        return 0, None
    if outcome == "won":
        return 2, "sale"
    level = rng.choices([0, 1, 2], [35, 35, 30])[0]
    chance = rng.random()
    if outcome == "open" and level == 2:
        return level, "sent" if chance < 0.8 else "draft"
    if outcome == "open" and level == 1 and chance < 0.35:
        return level, "draft"
    if outcome == "lost" and level == 2 and chance < 0.7:
        return level, "cancel"
    return level, None


def _plan_dates(rng, today, now, kind, outcome):
    """Closed deals spread over both years, open ones recent, leads very recent."""
    if outcome == "open":
        span, bias = (120, 1.5) if kind == "lead" else (400, 1.5)
        created = _at(rng, _pick_day(rng, today - timedelta(span), today, bias), now)
        return created, None
    # Older deals are the ones that had time to close.
    day = _pick_day(rng, date(today.year - 1, 1, 1), today - timedelta(20), -0.6)
    cycle = rng.randint(14, 60) if kind == "lead" else rng.randint(10, 130)
    closed = min(day + timedelta(cycle), today - timedelta(1))
    created = _at(rng, day, now)
    return created, max(_at(rng, closed, now), created + timedelta(hours=2))


def _plan_activity(rng, today, created):
    activity = rng.choices(list(ACTIVITIES), [a[1] for a in ACTIVITIES.values()])[0]
    when = rng.choices(["overdue", "today", "planned"], [25, 15, 60])[0]
    offsets = {
        "overdue": -rng.randint(1, 15),
        "today": 0,
        "planned": rng.randint(1, 21),
    }
    # Never due before the lead came in.
    offset = max(offsets[when], -(today - created.date()).days)
    return {
        "type": activity,
        "summary": rng.choice(ACTIVITIES[activity][2]),
        "deadline": today + timedelta(offset),
    }


def _plan_lead(rng, today, now, kind, outcome, customers, prospects):
    team = rng.choices(TEAMS, [t[4] for t in TEAMS])[0]
    topic = rng.choices(TOPICS, [t[2][TEAMS.index(team)] for t in TOPICS])[0]
    level, quote = _plan_progress(rng, kind, outcome)
    created, closed = _plan_dates(rng, today, now, kind, outcome)
    if kind == "opportunity" and outcome == "open" and not level:
        # Still in its first stage, where it has been since it came in.
        days = _stay_days(f"young-{created.isoformat()}")
        created = max(created, now - timedelta(days=days))

    user = rng.choice(_team_users(team[0]))
    customer = prospect = None
    if quote or (kind == "opportunity" and rng.random() < 0.5):
        own = [c for c in customers if c["team"] == team[0]]
        customer = rng.choice(own if rng.random() < 0.8 else customers)
        if rng.random() < 0.85 and customer["team"] == team[0]:
            user = customer["user"]
    else:
        prospect = _plan_prospect(rng, prospects)
        if rng.random() < (
            0.35 if kind == "lead" else 0.04 if outcome == "open" else 0
        ):
            user = None

    campaign = None
    if topic[0].startswith("kd_"):
        campaign = f"campaign_kit_digital_{created.year}"
    elif topic[0] == "verifactu" and created.year == today.year:
        campaign = f"campaign_verifactu_{created.year}"
    source = rng.choices(*zip(*TEAM_SOURCES[team[0]].items(), strict=True))[0]
    lost_weights = [5, 5, 30, 60] if kind == "lead" else [r[2] for r in LOST_REASONS]
    who = customer["short"] if customer else prospect["partner_name"]
    lead = {
        "kind": kind,
        "outcome": outcome,
        "team": team[0],
        "user": user,
        "customer": customer and customer["key"],
        "prospect": prospect,
        "name": f"{topic[1]} - {who}",
        "level": level,
        "priority": rng.choices("0123", [45, 30, 18, 7])[0],
        "probability": rng.randrange(10, 25, 5) + 25 * level,
        "tags": [f"tag_{tag}" for tag in topic[4]],
        "recurring": topic[5],
        "lines": _lines(rng, topic, bool(quote) and rng.random() < 0.3),
        "source": f"source_{source}",
        "medium": next(f"medium_{m}" for s, _n, m in SOURCES if s == source),
        "campaign": campaign,
        "description": f"<p>{topic[6]}</p><p>{rng.choice(NOTES)}</p>",
        "created": created,
        "opened": user and min(created + timedelta(hours=rng.randint(1, 48)), now),
        "converted": min(created + timedelta(hours=rng.randint(2, 96)), now),
        "closed": closed,
        "deadline": (closed or created + timedelta(rng.randint(20, 120))).date(),
        "lost_reason": None,
        "quote": quote,
        "activity": None,
    }
    if kind == "lead":
        lead["converted"] = None
    if outcome == "lost":
        reasons = [r[0] for r in LOST_REASONS]
        lead["lost_reason"] = "lost_" + rng.choices(reasons, lost_weights)[0]
    if quote:
        end = (closed or now) - timedelta(hours=1)
        start = min(created + timedelta(days=2), end)
        lead["quote_date"] = start + (end - start) * rng.uniform(0.3, 0.95)
    if outcome == "open" and rng.random() < (0.5 if kind == "lead" else 0.97):
        lead["activity"] = _plan_activity(rng, today, created)
    return lead


def _plan_prospect(rng, taken):
    while True:
        name = f"{rng.choice(PROSPECT_KINDS)} {rng.choice(PROSPECT_NAMES)}"
        if name not in taken:
            taken.add(name)
            break
    city = rng.choices(list(CITIES), [8 if c == "València" else 1 for c in CITIES])[0]
    address, prefix = _address(rng, city)
    domain = _domain(name) if rng.random() < 0.75 else "gmail.com"
    contact = _contact(rng, domain)
    return {
        "partner_name": name,
        "contact_name": contact["name"],
        "function": contact["function"],
        "email_from": contact["email"],
        "phone": _phone(rng, prefix) if rng.random() < 0.6 else contact["mobile"],
        **address,
    }


def plan(today, now):
    """Return the demo story as plain data: customers and leads."""
    rng = random.Random(SEED)
    customers = _plan_customers(rng)
    prospects = set()
    leads = [
        _plan_lead(rng, today, now, kind, outcome, customers, prospects)
        for kind, outcome, count in LEAD_MIX
        for _i in range(count)
    ]
    # Chronological ids and xmlids, as if entered day after day.
    leads.sort(key=lambda lead: lead["created"])
    for i, lead in enumerate(leads, 1):
        lead["key"] = f"lead_{i:04d}"
    return customers, leads


# ---------------------------------------------------------------------------
# Load
# ---------------------------------------------------------------------------


# The consultant's parametrisation: (days before today, hours, area, work).
PARAMETRISATION = [
    (60, 3.0, "training", "Reunión de arranque: procesos comerciales y segmento"),
    (58, 4.5, "opportunities", "Embudo Kit Digital, reglas de etapa y días de atasco"),
    (55, 5.0, "leads", "Reglas de asignación por provincia, sector y carga"),
    (54, 4.0, "leads", "Plantillas de importación de HubSpot y Excel propio"),
    (50, 3.5, "customers", "Bandas de empleados, sectores CNAE y clientes"),
    (47, 4.0, "tasks", "Tipos de actividad y planes para el equipo"),
    (45, 3.0, "reporting", "Informes de embudo por equipo y comercial"),
    (40, 2.5, "documents", "Carpetas de documentos comerciales"),
    (38, 2.0, "integration", "Claves de API para la web corporativa"),
    (35, 6.0, "training", "Formación de comerciales y jefes de equipo"),
]


def _load_parametrisation(env, company, today):
    """The company's Kit Digital segment and the consultant's work log."""
    _write_changed(company, {"crm_digital_segment": "I"})
    admin = env.ref("base.user_admin")
    return _ensure(
        env,
        "crm.digital.parametrisation.log",
        [
            (
                f"parametrisation_{index}",
                {
                    "date": today - timedelta(days=days),
                    "hours": hours,
                    "area": area,
                    "description": work,
                    "user_id": admin.id,
                    "company_id": company.id,
                },
            )
            for index, (days, hours, area, work) in enumerate(PARAMETRISATION)
        ],
    )[1]


def _ensure(env, model, rows, match=None):
    """Return ``({name: record}, {name: new record})`` for ``rows``.

    ``rows`` are ``(xmlid name, values)``; missing records are created in one
    batch. With ``match``, a missing record may instead be an existing one with
    the same value of that field (stock data with a unique name); it is adopted.
    """
    Model = env[model]
    names = [name for name, _vals in rows]
    data = env["ir.model.data"].search_read(
        [("module", "=", MODULE), ("model", "=", model), ("name", "in", names)],
        ["name", "res_id"],
    )
    alive = set(Model.browse([d["res_id"] for d in data]).exists().ids)
    records = {
        d["name"]: Model.browse(d["res_id"]) for d in data if d["res_id"] in alive
    }
    missing = [(name, vals) for name, vals in rows if name not in records]
    adopted = {}
    if match and missing:
        existing = Model.with_context(active_test=False).search(
            [(match, "in", [vals[match] for _n, vals in missing])]
        )
        by_value = {rec[match]: rec for rec in existing}
        adopted = {n: by_value[v[match]] for n, v in missing if v[match] in by_value}
        missing = [(n, v) for n, v in missing if n not in adopted]
    created = Model.create([vals for _n, vals in missing]) if missing else Model
    new = dict(zip([name for name, _vals in missing], created, strict=True))
    env["ir.model.data"]._update_xmlids(
        [
            {"xml_id": f"{MODULE}.{name}", "record": rec, "noupdate": True}
            for name, rec in (adopted | new).items()
        ]
    )
    records |= adopted | new
    return {name: records[name] for name in names}, new


def _write_changed(record, vals):
    def current(name):
        value = record[name]
        return value.id if isinstance(value, models.BaseModel) else value

    changed = {k: v for k, v in vals.items() if current(k) != v}
    if changed:
        record.write(changed)


def _setup_company(env):
    env["res.lang"]._activate_lang("es_ES")
    spain = env.ref("base.es")
    company = env.ref("base.main_company")
    # Address through the partner: setting a first country on the company itself
    # would install the Spanish accounting localisation in the middle of the load.
    _write_changed(
        company.partner_id,
        {
            "name": "Soluciones Digitales Levante, S.L.",
            "street": "Calle Colón, 42, 3.º",
            "city": "València",
            "zip": "46004",
            "state_id": env.ref("base.state_es_v").id,
            "country_id": spain.id,
            "phone": "+34 963 52 41 80",
            "email": f"info@{DOMAIN}",
            "website": f"https://www.{DOMAIN}",
            "vat": "ESB12345674",
            "lang": "es_ES",
        },
    )
    _set_currency(env, company, env.ref("base.EUR"))
    user_group = env.ref("base.group_user")
    user_group._apply_group(env.ref("crm.group_use_lead"))
    user_group._apply_group(env.ref("crm.group_use_recurring_revenues"))
    return company


def _set_currency(env, company, currency):
    old = company.currency_id
    if old == currency:
        return
    try:
        with env.cr.savepoint():
            currency.active = True
            company.currency_id = currency
    except UserError as error:
        raise UserError(
            f"The company's currency cannot become {currency.name} once it has "
            "journal items: create the database with 'make run', which sets the "
            "company in Spain before accounting is installed."
        ) from error
    # A second active currency turns pricelists on, and stock then creates a
    # default pricelist in the currency the company had at that moment.
    env["product.pricelist"].search(
        [
            ("company_id", "in", [company.id, False]),
            ("currency_id", "=", old.id),
            ("item_ids", "=", False),
        ]
    ).currency_id = currency


def _load_users(env, company):
    base = env.ref("base.group_user") | env.ref("base.group_partner_manager")
    rows = [
        (
            f"user_{u['login']}",
            {
                "login": u["login"],
                "password": u["login"],
                "name": u["name"],
                "email": _email(u["name"], DOMAIN),
                "lang": "es_ES",
                "tz": "Europe/Madrid",
                "notification_type": "inbox",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [
                    Command.set((base | env.ref(ROLE_GROUPS[u["role"]])).ids)
                ],
            },
        )
        for u in USERS
    ]
    users, _new = _ensure(env, "res.users", rows, match="login")
    return {login.removeprefix("user_"): user for login, user in users.items()}


def _load_teams(env, company, users):
    rows = [
        (
            f"team_{key}",
            {
                "name": name,
                "user_id": users[leader].id,
                "member_ids": [Command.set([users[u].id for u in (leader, *members)])],
                "use_leads": True,
                "use_opportunities": True,
                "invoiced_target": target,
                "company_id": company.id,
            },
        )
        for key, name, leader, members, _share, target in TEAMS
    ]
    teams, _new = _ensure(env, "crm.team", rows)
    return {name.removeprefix("team_"): team for name, team in teams.items()}


def _load_catalogue(env, today):
    """Tags, UTM records, lost reasons and products, by plan key."""
    refs = {}

    def add(prefix, model, rows, match=None):
        records, _new = _ensure(
            env, model, [(f"{prefix}_{k}", v) for k, v in rows], match
        )
        refs.update({f"{prefix}_{k}": records[f"{prefix}_{k}"] for k, _v in rows})

    add("tag", "crm.tag", [(k, {"name": n, "color": c}) for k, n, c in TAGS], "name")
    add("medium", "utm.medium", [(k, {"name": n}) for k, n in MEDIUMS], "name")
    add("source", "utm.source", [(k, {"name": n}) for k, n, _m in SOURCES], "name")
    years = (today.year - 1, today.year)
    campaigns = [
        (f"{k}_{y}", {"name": f"{n} {y}"}) for k, n in CAMPAIGNS for y in years
    ]
    add("campaign", "utm.campaign", campaigns, "name")
    add("lost", "crm.lost.reason", [(k, {"name": n}) for k, n, _w in LOST_REASONS])
    parent = env.ref("product.product_category_all").id
    add(
        "categ",
        "product.category",
        [(k, {"name": n, "parent_id": parent}) for k, n in CATEGORIES],
    )
    hour = env.ref("uom.product_uom_hour").id
    add(
        "product",
        "product.template",
        [
            (
                key,
                {
                    "name": name,
                    "default_code": code,
                    "type": kind,
                    "categ_id": refs[f"categ_{categ}"].id,
                    "list_price": price,
                    "standard_price": cost,
                    "sale_ok": True,
                    "purchase_ok": kind == "consu",
                    "description_sale": description,
                    "crm_digital_recurrence": RECURRENCES.get(key, False),
                    **(
                        {"uom_id": hour, "uom_po_id": hour}
                        if key == "consulting_hour"
                        else {}
                    ),
                },
            )
            for key, name, code, kind, categ, price, cost, description in PRODUCTS
        ],
    )
    return refs


def _load_customers(env, customers, refs, users):
    spain = env.ref("base.es").id
    states = {
        s.code: s.id
        for s in env["res.country.state"].search([("country_id", "=", spain)])
    }
    rows = [
        (
            c["key"],
            {
                "name": c["name"],
                "is_company": True,
                "vat": c["vat"],
                "street": c["street"],
                "city": c["city"],
                "zip": c["zip"],
                "state_id": states[c["state"]],
                "country_id": spain,
                "phone": c["phone"],
                "email": c["email"],
                "website": c["website"],
                "lang": "es_ES",
                "customer_rank": 1,
                "user_id": users[c["user"]].id,
            },
        )
        for c in customers
    ]
    companies, _new = _ensure(env, "res.partner", rows)
    rows = [
        (
            f"{c['key']}_contact",
            {
                **c["contact"],
                "phone": c["phone"],
                "parent_id": companies[c["key"]].id,
                "type": "contact",
                "lang": "es_ES",
            },
        )
        for c in customers
        if c["contact"]
    ]
    contacts, _new = _ensure(env, "res.partner", rows)
    # Deals go to the contact person where there is one.
    for key, company in companies.items():
        refs[key] = contacts.get(f"{key}_contact", company)


def _lead_values(env, lead, refs, users, teams, stages, prices):
    def ref(key):
        return refs[key].id if key else False

    team = teams[lead["team"]]
    open_stages = stages[team.id]
    vals = {
        "name": lead["name"],
        "type": lead["kind"],
        "team_id": team.id,
        "user_id": users[lead["user"]].id if lead["user"] else False,
        "stage_id": open_stages[min(lead["level"], len(open_stages) - 1)].id,
        "priority": lead["priority"],
        "tag_ids": [Command.set([ref(tag) for tag in lead["tags"]])],
        "source_id": ref(lead["source"]),
        "medium_id": ref(lead["medium"]),
        "campaign_id": ref(lead["campaign"]),
        "description": lead["description"],
        "date_deadline": lead["kind"] == "opportunity" and lead["deadline"],
    }
    if lead["kind"] == "opportunity":
        amount = _amount(lead["lines"], prices)
        vals |= {"expected_revenue": amount, "probability": lead["probability"]}
        if lead["recurring"]:
            vals |= {
                "recurring_revenue": round(amount / 12, 2),
                "recurring_plan": env.ref("crm.crm_recurring_plan_monthly").id,
            }
    if lead["customer"]:
        vals["partner_id"] = ref(lead["customer"])
    else:
        prospect = dict(lead["prospect"])
        state = prospect.pop("state")
        vals |= prospect | {
            "state_id": env.ref(f"base.state_es_{state.lower()}").id,
            "country_id": env.ref("base.es").id,
        }
    return vals


def _load_leads(env, leads, refs, users, teams):
    Stage = env["crm.stage"]
    stages = {
        team.id: Stage.search(
            [
                "|",
                ("team_id", "=", False),
                ("team_id", "=", team.id),
                ("is_won", "=", False),
            ]
        )
        for team in teams.values()
    }
    prices = {
        key[len("product_") :]: rec.list_price
        for key, rec in refs.items()
        if key.startswith("product_")
    }
    rows = [
        (lead["key"], _lead_values(env, lead, refs, users, teams, stages, prices))
        for lead in leads
    ]
    _records, new = _ensure(env, "crm.lead", rows)
    planned = {new[lead["key"]].id: lead for lead in leads if lead["key"] in new}
    created = env["crm.lead"].browse(list(planned))
    created.filtered(lambda r: planned[r.id]["outcome"] == "won").action_set_won()
    lost = defaultdict(lambda: env["crm.lead"])
    for record in created:
        lost[planned[record.id]["lost_reason"]] |= record
    for reason, records in lost.items():
        if reason:
            records.action_set_lost(lost_reason_id=refs[reason].id)
    return new


def _load_orders(env, leads, leads_new, refs):
    rows, states = [], {}
    for lead in sorted(
        leads, key=lambda lead: lead.get("quote_date") or lead["created"]
    ):
        opportunity = leads_new.get(lead["key"])
        if not lead["quote"] or not opportunity:
            continue
        key = lead["key"].replace("lead_", "order_")
        states[key] = lead["quote"]
        quoted = lead["quote_date"]
        rows.append(
            (
                key,
                {
                    "partner_id": opportunity.partner_id.id,
                    "opportunity_id": opportunity.id,
                    "team_id": opportunity.team_id.id,
                    "user_id": opportunity.user_id.id,
                    "origin": opportunity.name,
                    "source_id": opportunity.source_id.id,
                    "medium_id": opportunity.medium_id.id,
                    "campaign_id": opportunity.campaign_id.id,
                    "tag_ids": [Command.set(opportunity.tag_ids.ids)],
                    "date_order": quoted,
                    "validity_date": (quoted + timedelta(days=30)).date(),
                    "order_line": [
                        Command.create(
                            {
                                "product_id": refs[
                                    f"product_{product}"
                                ].product_variant_id.id,
                                "product_uom_qty": qty,
                                "discount": discount,
                            }
                        )
                        for product, qty, discount in lead["lines"]
                    ],
                },
            )
        )
    _orders, new = _ensure(env, "sale.order", rows)
    Order = env["sale.order"]

    def with_state(state):
        return Order.browse([o.id for k, o in new.items() if states[k] == state])

    with_state("sent").action_quotation_sent()
    with_state("sale").action_confirm()
    with_state("cancel")._action_cancel()
    return new


def _load_activities(env, leads, leads_new, users):
    model_id = env["ir.model"]._get_id("crm.lead")
    leaders = {key: users[leader] for key, _n, leader, *_rest in TEAMS}
    rows = []
    for lead in leads:
        activity, record = lead["activity"], leads_new.get(lead["key"])
        if not activity or not record:
            continue
        rows.append(
            (
                lead["key"].replace("lead_", "activity_"),
                {
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "activity_type_id": env.ref(ACTIVITIES[activity["type"]][0]).id,
                    "summary": activity["summary"],
                    "date_deadline": activity["deadline"],
                    "user_id": (record.user_id or leaders[lead["team"]]).id,
                },
            )
        )
    return _ensure(env, "mail.activity", rows)[1]


def _load_done_activities(env, now, leads, leads_new, users):
    """What salespeople already did: one to three activities marked done on
    each new assigned lead, the first some hours after it was assigned."""
    subtype = env.ref("mail.mt_activities")
    rows = []
    for lead in leads:
        record = leads_new.get(lead["key"])
        if not record or not lead["opened"]:
            continue
        rng = random.Random(f"done-{lead['key']}")
        author = users[lead["user"]].partner_id
        moment = lead["opened"]
        end = lead["closed"] or now
        for _n in range(1 + lead["level"] // 2 + (lead["outcome"] != "open")):
            moment += timedelta(hours=rng.randint(2, 72))
            if moment >= end:
                break
            kind = rng.choices(list(ACTIVITIES), [a[1] for a in ACTIVITIES.values()])
            xmlid, _weight, summaries = ACTIVITIES[kind[0]]
            rows.append(
                {
                    "model": "crm.lead",
                    "res_id": record.id,
                    "message_type": "notification",
                    "subtype_id": subtype.id,
                    "mail_activity_type_id": env.ref(xmlid).id,
                    "author_id": author.id,
                    "body": f"<p>{rng.choice(summaries)}</p>",
                    "date": moment,
                }
            )
    env["mail.message"].create(rows)


def _load_targets(env, teams, users, today):
    """Monthly targets of each team and salesperson for both years of the
    story, a little above what the team invoices."""
    if "crm.digital.sales.target" not in env:
        return
    rows = []
    for year in (today.year - 1, today.year):
        for month in range(1, 13):
            day = date(year, month, 1)
            for key, _name, leader, members, _share, target in TEAMS:
                amount = target * (1.1 if year == today.year else 1.0)
                rows.append(
                    (
                        f"target_{key}_{year}_{month:02d}",
                        {
                            "month": day,
                            "team_id": teams[key].id,
                            "amount_won": amount,
                            "opportunities_won": round(amount / 6000),
                            "activities_done": 30 * (len(members) + 1),
                        },
                    )
                )
                for login in [leader, *members]:
                    rows.append(
                        (
                            f"target_{login}_{year}_{month:02d}",
                            {
                                "month": day,
                                "user_id": users[login].id,
                                "team_id": teams[key].id,
                                "amount_won": amount / (len(members) + 1),
                                "opportunities_won": max(
                                    1, round(amount / 6000 / (len(members) + 1))
                                ),
                                "activities_done": 30,
                            },
                        )
                    )
    _ensure(env, "crm.digital.sales.target", rows)


def _load_snapshots(env, today):
    """The pipeline at the end of each of the last 24 months, as the nightly
    snapshot would have kept it: each deal open then, in the stage its
    history has for that day, stuck by its days there; the deals closed in
    the 12 months before. Odoo keeps no past probabilities nor deadlines: a
    deal weighs as its stage's open deals do today, and one open deal in
    four had an overdue activity, as in the story today."""
    if "crm.digital.pipeline.snapshot" not in env:
        return
    env.flush_all()
    days = [
        (today.replace(day=1) - relativedelta(months=n)) - timedelta(days=1)
        for n in range(24)
    ]
    env.cr.execute(
        "DELETE FROM crm_digital_pipeline_snapshot WHERE date = ANY(%s)", [days]
    )
    env.cr.execute(
        SQL(
            """
        WITH at AS (
            SELECT day, day + time '21:30' AS instant
              FROM unnest(%(days)s::date[]) AS day
        ), odds AS (
            SELECT stage_id, avg(probability) AS probability FROM crm_lead
             WHERE active AND type = 'opportunity' AND crm_digital_outcome = 'open'
             GROUP BY 1
        ), pipeline AS (
            SELECT at.day, l.id AS lead_id, l.company_id, l.team_id, l.user_id,
                   l.type, 'open' AS outcome,
                   COALESCE(h.stage_id, l.stage_id) AS stage_id,
                   FALSE AS recent,
                   COALESCE(s.crm_digital_stuck_days > 0 AND h.date_entered
                       < at.instant - s.crm_digital_stuck_days * interval '1 day',
                       FALSE) AS stuck,
                   l.expected_revenue AS amount,
                   l.expected_revenue * COALESCE(o.probability, l.probability) / 100
                       AS weighted
              FROM at
              JOIN crm_lead l ON l.type = 'opportunity'
               AND COALESCE(l.date_conversion, l.create_date) <= at.instant
               AND (l.date_closed IS NULL OR l.date_closed > at.instant)
               AND (l.active OR l.date_closed IS NOT NULL)
              LEFT JOIN LATERAL (
                  SELECT stage_id, date_entered FROM crm_digital_stage_history
                   WHERE lead_id = l.id AND date_entered <= at.instant
                   ORDER BY date_entered DESC LIMIT 1) h ON TRUE
              LEFT JOIN crm_stage s ON s.id = COALESCE(h.stage_id, l.stage_id)
              LEFT JOIN odds o ON o.stage_id = COALESCE(h.stage_id, l.stage_id)
            UNION ALL
            SELECT at.day, l.id, l.company_id, l.team_id, l.user_id, l.type,
                   l.crm_digital_outcome, l.stage_id, TRUE, FALSE,
                   l.expected_revenue, l.prorated_revenue
              FROM at
              JOIN crm_lead l ON l.date_closed <= at.instant
               AND l.date_closed > at.instant - interval '1 year'
               AND (l.crm_digital_outcome = 'won'
                    OR (l.crm_digital_outcome = 'cancelled' AND l.type = 'opportunity'))
        )
        INSERT INTO crm_digital_pipeline_snapshot (date, company_id, team_id,
            user_id, type, outcome, stage_id, recent, stuck, count, amount,
            weighted, activities_overdue, create_uid, create_date, write_uid,
            write_date)
        SELECT day, company_id, team_id, user_id, type, outcome, stage_id, recent,
               stuck, count(*), sum(COALESCE(amount, 0)), sum(COALESCE(weighted, 0)),
               0, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
          FROM pipeline GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        UNION ALL
        SELECT day, company_id, team_id, user_id, NULL, NULL, NULL, FALSE, FALSE,
               0, 0, 0, count(*), %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
               now() AT TIME ZONE 'UTC'
          FROM pipeline
         WHERE outcome = 'open'
           AND mod(abs(hashtext(lead_id::text || day::text)), 4) = 0
         GROUP BY 1, 2, 3, 4
            """,
            days=days,
            uid=env.uid,
        )
    )
    env.invalidate_all()


def _backdate(env, now, leads, leads_new, orders_new, activities_new):
    """Move creation and stage dates into the past, where the story happens."""
    env.flush_all()
    lead_rows, order_rows, activity_rows = [], [], []
    for lead in leads:
        record = leads_new.get(lead["key"])
        if not record:
            continue
        created, opened, closed = lead["created"], lead["opened"], lead["closed"]
        converted = lead.get("converted")
        staged = _staged(lead, now)
        lead_rows.append(
            (
                record.id,
                created,
                max(filter(None, [created, staged, closed])),
                opened,
                closed,
                staged,
                staged,
                converted,
                opened and abs((opened - created).days),
                closed and abs((closed - created).days),
            )
        )
        order = orders_new.get(lead["key"].replace("lead_", "order_"))
        if order:
            order_rows.append((order.id, lead["quote_date"]))
        activity = activities_new.get(lead["key"].replace("lead_", "activity_"))
        if activity:
            planned = datetime.combine(
                lead["activity"]["deadline"], datetime.min.time()
            )
            stamp = max(created, min(staged, planned - timedelta(days=3)))
            activity_rows.append((activity.id, stamp))
    _update(
        env,
        "crm_lead",
        lead_rows,
        [
            "create_date",
            "write_date",
            "date_open",
            "date_closed",
            "date_last_stage_update",
            "crm_digital_stage_date",
            "date_conversion",
            "day_open",
            "day_close",
        ],
        ["timestamp"] * 7 + ["float"] * 2,
    )
    _update(env, "sale_order", order_rows, ["create_date"], ["timestamp"])
    # Confirmation stamps date_order with now: the deal was signed when won.
    env.cr.execute(
        """UPDATE sale_order o
              SET date_order = CASE WHEN o.state = 'sale' THEN l.date_closed
                                    ELSE o.create_date END,
                  write_date = GREATEST(o.create_date, l.date_closed)
             FROM crm_lead l
            WHERE l.id = o.opportunity_id AND o.id = ANY(%s)""",
        [[row[0] for row in order_rows]],
    )
    _update(env, "mail_activity", activity_rows, ["create_date"], ["timestamp"])
    env.invalidate_all()
    # Recurring services renew counting from the backdated signature.
    orders = env["sale.order"].browse([row[0] for row in order_rows])
    orders.filtered(lambda o: o.state == "sale")._compute_crm_digital_renewal_date()


def _stay_days(seed):
    """How long an open deal has been in its stage: most moved on in the last
    two weeks, one in five has stayed too long."""
    rng = random.Random(seed)
    return rng.uniform(1, 13) if rng.random() < 0.8 else rng.uniform(16, 75)


def _staged(lead, now):
    """When the deal entered the stage it is in."""
    if lead["closed"]:
        return lead["closed"]
    created = lead["created"]
    if not lead["level"]:
        return created
    entered = now - timedelta(days=_stay_days(f"staged-{lead['key']}"))
    if entered > created:
        return entered
    return created + (now - created) * (0.2 + 0.25 * lead["level"])


def _stage_history(env, now, leads, leads_new):
    """Each new deal's way through its team's pipeline, stage by stage, from
    its creation to the stage it is in (Ganada for the won ones)."""
    pipelines, rows = {}, []
    for lead in leads:
        record = leads_new.get(lead["key"])
        if not record:
            continue
        team = record.team_id
        if team not in pipelines:
            pipelines[team] = env["crm.stage"].search(
                ["|", ("team_id", "=", False), ("team_id", "=", team.id)]
            )
        open_stages = pipelines[team].filtered(lambda stage: not stage.is_won)
        path = list(open_stages[: lead["level"] + 1])
        if record.stage_id.is_won:
            path.append(record.stage_id)
        created, staged = lead["created"], _staged(lead, now)
        steps = [
            created + (staged - created) * index / max(len(path) - 1, 1)
            for index in range(len(path))
        ]
        for index, stage in enumerate(path):
            left = steps[index + 1] if index + 1 < len(path) else None
            rows.append(
                (
                    record.id,
                    stage.id,
                    path[index - 1].id if index else None,
                    team.id or None,
                    record.user_id.id or None,
                    record.company_id.id or None,
                    steps[index],
                    left,
                    left and (left - steps[index]).total_seconds() / 86400,
                )
            )
    if not rows:
        return
    lead_ids = [record.id for record in leads_new.values()]
    env.cr.execute(
        "DELETE FROM crm_digital_stage_history WHERE lead_id = ANY(%s)", [lead_ids]
    )
    env.cr.execute(
        SQL(
            """INSERT INTO crm_digital_stage_history (lead_id, stage_id,
                previous_stage_id, team_id, salesperson_id, company_id,
                date_entered, date_left, days, user_id, create_uid, create_date,
                write_uid, write_date)
            SELECT v.*, %(uid)s, %(uid)s, v.date_entered, %(uid)s, v.date_entered
            FROM (VALUES %(rows)s) AS v(lead_id, stage_id, previous_stage_id,
                team_id, salesperson_id, company_id, date_entered, date_left, days)""",
            uid=env.uid,
            rows=SQL(", ").join(
                SQL(
                    "(%s::int, %s::int, %s::int, %s::int, %s::int, %s::int, "
                    "%s::timestamp, %s::timestamp, %s::float)",
                    *row,
                )
                for row in rows
            ),
        )
    )
    env.invalidate_all()


def _update(env, table, rows, columns, types):
    """Set ``columns`` of ``table`` from ``rows`` of (id, *values) in one query."""
    if not rows:
        return
    comma = SQL(", ")
    values = comma.join(
        SQL(
            "(%s)",
            comma.join(
                SQL(f"%s::{kind}", value)
                for kind, value in zip(["int", *types], row, strict=True)
            ),
        )
        for row in rows
    )
    names = [SQL.identifier(column) for column in columns]
    env.cr.execute(
        SQL(
            "UPDATE %s AS t SET %s FROM (VALUES %s) AS v(id, %s) WHERE t.id = v.id",
            SQL.identifier(table),
            comma.join(SQL("%s = v.%s", name, name) for name in names),
            values,
            comma.join(names),
        )
    )


def load(env):
    """Load the demo story into ``env``'s database; return new records by model.

    ``env`` is a superuser environment; the caller commits.
    """
    env = env(context=dict(env.context, **QUIET))
    before = _xmlid_counts(env)
    now, today = fields.Datetime.now(), fields.Date.today()
    customers, leads = plan(today, now)
    company = _setup_company(env)
    users = _load_users(env, company)
    teams = _load_teams(env, company, users)
    refs = _load_catalogue(env, today)
    _load_customers(env, customers, refs, users)
    leads_new = _load_leads(env, leads, refs, users, teams)
    orders_new = _load_orders(env, leads, leads_new, refs)
    activities_new = _load_activities(env, leads, leads_new, users)
    _backdate(env, now, leads, leads_new, orders_new, activities_new)
    _stage_history(env, now, leads, leads_new)
    _load_done_activities(env, now, leads, leads_new, users)
    _load_targets(env, teams, users, today)
    _load_snapshots(env, today)
    _load_parametrisation(env, company, today)
    in_use.load(env, company, users, teams)
    return _xmlid_counts(env) - before


def _xmlid_counts(env):
    data = env["ir.model.data"].search_read([("module", "=", MODULE)], ["model"])
    return Counter(d["model"] for d in data)


# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------


def _demo(env, model):
    ids = env["ir.model.data"].search([("module", "=", MODULE), ("model", "=", model)])
    return env[model].with_context(active_test=False).browse(ids.mapped("res_id"))


def _counts(records, *groupby):
    groups = records._read_group([("id", "in", records.ids)], groupby, ["__count"])
    return {tuple(g[:-1]) if len(g) > 2 else g[0]: g[-1] for g in groups}


def summary(env):
    """Describe the demo records present in the database, as text lines."""
    today = fields.Date.today()
    users = _demo(env, "res.users")
    teams = _demo(env, "crm.team")
    partners = _demo(env, "res.partner")
    leads = _demo(env, "crm.lead")
    orders = _demo(env, "sale.order")
    activities = _demo(env, "mail.activity")
    active = _counts(leads, "active")
    lines = [
        f"Users: {len(users)} ({', '.join(users.mapped('login'))})",
        *(
            f"Team {t.name}: leader {t.user_id.login}, "
            f"members {', '.join(t.member_ids.mapped('login'))}"
            for t in teams
        ),
        f"Customers: {len(partners.filtered('is_company'))} companies, "
        f"{len(partners.filtered('parent_id'))} contacts; "
        f"products: {len(_demo(env, 'product.template'))}",
        f"Leads: {len(leads)} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(_counts(leads, "type").items()))
        + f"); active {active.get(True, 0)}, archived {active.get(False, 0)}",
        "Leads by year created: "
        + ", ".join(
            f"{k.year} {v}"
            for k, v in sorted(_counts(leads, "create_date:year").items())
        ),
        f"Won {len(leads.filtered(lambda r: r.stage_id.is_won and r.active))}, "
        f"lost {len(leads.filtered(lambda r: not r.active))}, "
        f"unassigned {len(leads.filtered(lambda r: not r.user_id))}",
    ]
    by_stage = _counts(leads.filtered("active"), "team_id", "stage_id")
    for team in teams:
        stages = {s: n for (t, s), n in by_stage.items() if t == team}
        lines.append(
            f"  {team.name} (active, by stage): "
            + ", ".join(
                f"{s.name} {n}"
                for s, n in sorted(stages.items(), key=lambda i: i[0].sequence)
            )
        )
    lines.append(
        "Orders by state: "
        + ", ".join(f"{k} {v}" for k, v in sorted(_counts(orders, "state").items()))
    )
    due = Counter(
        "overdue"
        if a.date_deadline < today
        else "today"
        if a.date_deadline == today
        else "planned"
        for a in activities
    )
    lines.append(
        f"Activities: {len(activities)} ("
        + ", ".join(f"{k} {due[k]}" for k in ("overdue", "today", "planned"))
        + ")"
    )
    return lines


def main():
    args = _parser().parse_args()
    cli = ["--log-level", "warn"]
    cli += ["-c", args.config] if args.config else []
    cli += ["--addons-path", args.addons_path] if args.addons_path else []
    cli += ["-d", args.database] if args.database else []
    config.parse_config(cli)
    database = args.database or config["db_name"]
    if not database:
        sys.exit("No database: give --database or db_name in the configuration.")
    started = time.monotonic()
    with Registry(database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        created = load(env)
        lines = summary(env)
    print(
        "Created: " + (", ".join(f"{k} {v}" for k, v in created.items()) or "nothing")
    )
    print("\n".join(lines))
    print(f"Done in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
