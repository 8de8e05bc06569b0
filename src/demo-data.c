/*
 * demo-data.c: the names, places, trades, employers and service providers
 * that `onward demo` draws from (demo.h).  Names come in groups that go
 * together (West African, Arabic, Chinese and Vietnamese with the family
 * name first, Latin American and Iberian, European), so a person's given
 * and family names match.
 */
#include "config.h"

#include <stddef.h>

#include "demo.h"

#define N(a) (a), sizeof(a) / sizeof((a)[0])

static const char *const wa_f[] = { "Amina", "Fatoumata", "Aïssatou",
    "Ngozi", "Adjoa", "Mariama", "Hawa", "Chiamaka" };
static const char *const wa_m[] = { "Ibrahim", "Moussa", "Kwame", "Oumar",
    "Chinedu", "Sékou", "Abdoulaye", "Yaw" };
static const char *const wa_n[] = { "Diallo", "Traoré", "Okafor", "Mensah",
    "Yusuf", "Koné", "Bâ", "Ouédraogo", "Sow", "Adebayo" };
static const char *const ar_f[] = { "فاطمة", "مريم", "ليلى", "نور" };
static const char *const ar_m[] = { "محمد", "أحمد", "يوسف", "عمر" };
static const char *const ar_n[] = { "العلي", "حداد", "الخطيب", "منصور" };
static const char *const zh_f[] = { "芳", "秀英", "丽", "静" };
static const char *const zh_m[] = { "伟", "强", "磊", "军" };
static const char *const zh_n[] = { "王", "李", "张", "刘", "陈" };
static const char *const la_f[] = { "María José", "Ana Lucía", "Inês",
    "Luz Marina", "Begoña" };
static const char *const la_m[] = { "José", "Iñaki", "João", "Andrés",
    "Tomás" };
static const char *const la_n[] = { "Núñez", "Peña", "Gonçalves",
    "Ibáñez", "Muñoz", "Ortíz" };
static const char *const eu_f[] = { "Zoë", "Łucja", "Ingrid", "Ayşe",
    "Dragana", "Sofie" };
static const char *const eu_m[] = { "Søren", "Łukasz", "Mehmet", "Jonas",
    "Miloš", "Ömer" };
static const char *const eu_n[] = { "Ødegård", "Wójcik", "Çelik",
    "Berg", "Petrović", "Åström", "Yılmaz" };
static const char *const vi_f[] = { "Thị Hoa", "Thị Lan", "Ngọc Anh" };
static const char *const vi_m[] = { "Văn Minh", "Đức Anh", "Quốc Bảo" };
static const char *const vi_n[] = { "Nguyễn", "Trần", "Phạm", "Lê" };

const struct demo_names demo_names[DEMO_NGROUPS] = {
	{ N(wa_f), N(wa_m), N(wa_n), 0, "ha" },
	/* the programme's own region, three times as likely */
	{ N(wa_f), N(wa_m), N(wa_n), 0, "ha" },
	{ N(wa_f), N(wa_m), N(wa_n), 0, "ha" },
	{ N(ar_f), N(ar_m), N(ar_n), 0, "ar" },
	{ N(zh_f), N(zh_m), N(zh_n), 2, "zh" },
	{ N(la_f), N(la_m), N(la_n), 0, "es" },
	{ N(eu_f), N(eu_m), N(eu_n), 0, "en" },
	{ N(vi_f), N(vi_m), N(vi_n), 1, "vi" },
};

/* The field workers the records are entered by. */
const char *const demo_workers[DEMO_NWORKERS] = {
	"Amina Yusuf", "Jonas Berg", "Fatou Sow"
};

const char *const demo_districts[DEMO_NDISTRICTS][2] = {
	{ "north", "amberfield" }, { "north", "brookmoor" },
	{ "coast", "eastport" }, { "coast", "gullbay" },
	{ "central", "kingsford" }, { "central", "millcross" },
	{ "east", "oakridge" }, { "east", "pinecrest" },
};

const char *const demo_countries[DEMO_NCOUNTRIES] = {
	"ly", "sa", "lb", "jo", "qa", "ae", "my", "de", "it", "tr", "ru"
};

/* Trades people train for: ISCO-08 major and sub-major group, a course, a
 * job title, an employer. */
const struct demo_trade demo_trades[DEMO_NTRADES] = {
	{ "7", "74", "Solar panel installation", "Electrician's helper", "d" },
	{ "7", "75", "Tailoring and garment making", "Tailor", "c" },
	{ "7", "72", "Motorcycle mechanics", "Mechanic", "g" },
	{ "5", "51", "Hairdressing and beauty", "Hairdresser", "s" },
	{ "5", "52", "Retail and customer service", "Shop assistant", "g" },
	{ "6", "61", "Poultry farming", "Poultry farmer", "a" },
	{ "8", "83", "Driving and vehicle safety", "Delivery driver", "h" },
	{ "4", "41", "Office and computer skills", "Clerk", "n" },
	{ "3", "35", "Mobile phone repair", "Phone technician", "s" },
	{ "9", "94", "Food preparation and hygiene", "Kitchen assistant",
	    "i" },
};

const char *const demo_employers[DEMO_NEMPLOYERS] = {
	"Sunrise Solar Ltd", "Kingsford Garments", "Eastport Motors",
	"Coastal Hotel & Spa", "Green Valley Poultry", "Millcross Logistics",
	"Amberfield Market Co-op", "Oakridge Phone Centre",
	"Harbour Fresh Foods", "Pinecrest Builders",
};

/* The post-training services network (ILO TREE): local, visiting, remote,
 * or still to be built. */
const struct demo_provider demo_providers[DEMO_NPROVIDERS] = {
	{ "Kingsford Employment Office", "employment_office",
	    "cv interview placement", "local", "free" },
	{ "Amberfield Vocational Centre", "training_centre",
	    "further_training skills_recognition", "local", "programme" },
	{ "Coastal Microfinance", "mfi", "credit financial_services",
	    "visiting", "fee" },
	{ "Women's Savings Group of Eastport", "savings_group",
	    "financial_services financial_counselling", "local", "free" },
	{ "Business Advice Centre", "bds",
	    "business_plan business_advice market_links", "remote",
	    "subsidised" },
	{ "Domestic Workers' Union", "workers_org",
	    "workers_org safety_rights", "visiting", "free" },
	{ "Hope Counselling", "ngo", "psychosocial conflict", "local",
	    "free" },
	{ "Business incubator (planned)", "chamber", "incubator start_up",
	    "to_build", "programme" },
	{ "Childcare for trainees (planned)", "ngo", "childcare", "to_build",
	    "programme" },
};
