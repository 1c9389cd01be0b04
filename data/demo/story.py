# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The story of the demo: one Valencian SME selling IT services and software,
its people, teams, customers, catalogue and the shape of its commercial years."""

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
