"""What the demo company is made of: its people, sites, hazards, tasks, checklists, talks,
incidents, drills and documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from secor_desktop.domain.bodies import Control, ControlLevel, DocumentType, HazardItem
from secor_desktop.domain.kinds import EmploymentType
from secor_desktop.services.demo.calendar import work_on_or_after, work_on_or_before

_L = ControlLevel


def _h(task: str, hazard: str, sev: int, lik: int, *controls: tuple[_L, str]) -> HazardItem:
    return HazardItem(task, hazard, sev, lik, tuple(Control(lvl, d) for lvl, d in controls))


# fmt: off
HAZARDS: dict[str, HazardItem] = {
    "edge": _h("Work near open edges and floor openings", "Fall from 3 m or more", 5, 2,
               (_L.ENGINEERING, "Guardrails on open sides; openings covered and marked"),
               (_L.ADMINISTRATIVE, "Fall protection plan reviewed at the start of the job"),
               (_L.PPE, "Full-body harness tied off to an engineered anchor")),
    "ladder": _h("Access by ladder", "Ladder slips or tips; over-reaching", 3, 2,
                 (_L.ENGINEERING, "Ladder tied off at the top, feet on firm footing"),
                 (_L.ADMINISTRATIVE, "Three-point contact; move the ladder, do not reach")),
    "saw": _h("Cutting with circular and mitre saws", "Laceration or kickback", 4, 2,
              (_L.ENGINEERING, "Blade guards in place and working"),
              (_L.ADMINISTRATIVE, "Blade checked before use; stock clamped"),
              (_L.PPE, "Safety glasses and hearing protection")),
    "nailer": _h("Pneumatic nailers", "Nail puncture; double fire", 4, 2,
                 (_L.SUBSTITUTION, "Sequential-trip nailers only"),
                 (_L.ADMINISTRATIVE, "Disconnect air before clearing a jam"),
                 (_L.PPE, "Safety glasses")),
    "lifting": _h("Handling lumber, sheet goods and drywall", "Back strain; pinched fingers", 3, 3,
                  (_L.ENGINEERING, "Lumber cart and drywall lift on site"),
                  (_L.ADMINISTRATIVE, "Two-person lift for loads over 23 kg"),
                  (_L.PPE, "Work gloves")),
    "mobile": _h("Skid steer and delivery trucks moving", "Struck by mobile equipment", 5, 2,
                 (_L.ENGINEERING, "Backup alarm and lights working"),
                 (_L.ADMINISTRATIVE, "Spotter for every reversing move; exclusion zone"),
                 (_L.PPE, "High-visibility vest")),
    "load": _h("Trusses lifted by boom truck", "Struck by a suspended load", 5, 2,
               (_L.ADMINISTRATIVE, "Exclusion zone under the load; one qualified signaller"),
               (_L.ADMINISTRATIVE, "Tag lines to control the load"),
               (_L.PPE, "Hard hats")),
    "power": _h("Temporary power and cords", "Electric shock", 5, 1,
                (_L.ENGINEERING, "GFCI on every cord"),
                (_L.ADMINISTRATIVE, "Cords checked daily; damaged cords tagged out")),
    "wind": _h("Sheathing in wind", "Sheets caught by a gust", 3, 3,
               (_L.ELIMINATION, "No sheathing in gusts above 40 km/h"),
               (_L.ADMINISTRATIVE, "Loose sheets tied down at the end of each lift")),
    "dust": _h("Cutting, sanding and demolition", "Wood and silica dust", 3, 3,
               (_L.ENGINEERING, "Dust extraction on saws; area wetted before sweeping"),
               (_L.PPE, "Fit-tested N95 or half-face respirator")),
    "hazmat": _h("Demolition in an older building", "Asbestos or lead in old finishes", 5, 2,
                 (_L.ELIMINATION, "Hazardous materials survey; abatement before demolition"),
                 (_L.ADMINISTRATIVE, "Stop work if suspect material is found")),
    "lift": _h("Work from a scissor lift", "Tip-over; crushing against the ceiling", 4, 2,
               (_L.ENGINEERING, "Guardrails closed; platform on level floor"),
               (_L.ADMINISTRATIVE, "Trained operators only; pre-use inspection")),
    "noise": _h("Demolition and cutting", "Noise-induced hearing loss", 3, 3,
                (_L.ADMINISTRATIVE, "Noisy work when fewest people are in the area"),
                (_L.PPE, "Ear plugs or muffs")),
    "ice": _h("Site access in winter", "Slips and falls on snow and ice", 3, 4,
              (_L.ELIMINATION, "Walkways cleared of snow before work starts"),
              (_L.ADMINISTRATIVE, "Sand on walkways and ramps"),
              (_L.PPE, "Ice cleats on boots")),
    "cold": _h("Outdoor work in the cold", "Cold stress and frostbite", 3, 3,
               (_L.ADMINISTRATIVE, "Warm-up breaks in the heated trailer; buddy checks"),
               (_L.PPE, "Insulated layers and liners")),
    "heat": _h("Outdoor work in the heat", "Heat stress and dehydration", 3, 3,
               (_L.ADMINISTRATIVE, "Water on site; shaded breaks every hour above 28 °C"),
               (_L.PPE, "Light-coloured clothing; brimmed hard-hat liners")),
}
SEASON_HAZARDS = {"winter": ("ice", "cold"), "summer": ("heat",), "any": ()}

TASKS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "lakeview": (
        ("Framing exterior walls, second floor", ("edge", "nailer", "lifting")),
        ("Setting roof trusses with the boom truck", ("load", "edge")),
        ("Roof and wall sheathing", ("edge", "wind", "saw")),
        ("Floor joists and subfloor", ("edge", "nailer", "lifting")),
        ("Windows and exterior doors", ("ladder", "lifting", "saw")),
        ("House wrap and trim from ladders", ("ladder", "saw")),
        ("Material delivery and laydown", ("mobile", "lifting")),
    ),
    "gasoline": (
        ("Interior demolition of old partitions", ("hazmat", "dust", "noise")),
        ("Steel stud framing", ("saw", "ladder", "noise")),
        ("Hanging drywall board", ("lifting", "lift", "dust")),
        ("Ceiling grid from the scissor lift", ("lift", "power")),
        ("Door frames and hardware", ("saw", "lifting")),
        ("Millwork and casework install", ("lifting", "saw", "nailer")),
        ("Material delivery through the back door", ("mobile", "lifting")),
    ),
}
JOBS = {
    "shop": ("Shop and yard: maintenance, cutting, loading", ("saw", "lifting", "power", "mobile")),
    "lakeview": ("Wood-frame townhouse construction", ("edge", "load", "nailer", "lifting")),
    "gasoline": ("Commercial interior renovation", ("hazmat", "dust", "lift", "noise", "lifting")),
}

# (item, deficiency found, corrective action, how it was closed)
Check = tuple[str, str, str, str]
SITE_ITEMS: tuple[Check, ...] = (
    ("Walkways and stairs clear of debris", "Offcuts piled on the stairway",
     "Clear the stairway and set a scrap bin on each floor", "Cleared; bins placed."),
    ("Guardrails and opening covers in place", "Guardrail missing at the stairwell opening",
     "Install a guardrail at the stairwell opening", "Guardrail built and checked."),
    ("Ladders in good condition and tied off", "Cracked side rail on the 8 ft stepladder",
     "Tag out and replace the 8 ft stepladder", "Ladder destroyed and replaced."),
    ("Fire extinguisher charged, tagged, accessible", "Monthly check overdue on the tag",
     "Inspect and tag the site fire extinguisher", "Checked and tag initialled."),
    ("First-aid kit stocked", "Short of bandages and eye wash",
     "Restock the site first-aid kit", "Restocked from the shop supply."),
    ("Extension cords and GFCIs undamaged", "Cord with a cut jacket in use",
     "Replace the damaged extension cord", "Cord cut up and replaced."),
    ("Muster point and emergency numbers posted", "Muster point sign knocked down",
     "Re-post the muster point sign", "Sign re-posted at the gate."),
    ("Products labelled; SDS binder on site", "Unlabelled jug of form oil",
     "Put a workplace label on the form-oil jug", "Label applied; SDS filed."),
)
EQUIPMENT_ITEMS: tuple[Check, ...] = (
    ("Guards and safety devices work", "Guard not returning freely",
     "Repair the guard before next use", "Guard cleaned and lubricated; returns freely."),
    ("Cords, hoses and couplers undamaged", "Air hose leaking at the coupler",
     "Replace the leaking hose coupler", "New coupler fitted; no leak."),
    ("Controls and emergency stop work", "Emergency stop sticks",
     "Have the emergency stop serviced", "Switch replaced by the dealer."),
    ("No fluid leaks; levels correct", "Hydraulic weep at the lift cylinder",
     "Book the lift cylinder for a new seal", "Seal replaced by the dealer."),
    ("Backup alarm and lights work", "Backup alarm barely audible",
     "Replace the backup alarm", "New alarm fitted and tested."),
    ("Manual and inspection log on hand", "Operator's manual missing",
     "Replace the operator's manual", "Manual printed and kept in the cab."),
)
VEHICLE_ITEMS: tuple[Check, ...] = (
    ("Lights, signals and four-ways", "Right rear signal out",
     "Replace the right rear signal bulb", "Bulb replaced."),
    ("Tires, wheel nuts and spare", "Front tread worn to the wear bars",
     "Replace both front tires", "Two new tires installed."),
    ("Brakes and parking brake", "Parking brake does not hold on a grade",
     "Have the parking brake adjusted", "Adjusted at the garage."),
    ("Windshield, wipers and fluid", "Crack across the driver's side",
     "Book a windshield replacement", "Windshield replaced."),
    ("Extinguisher and first-aid kit in cab", "First-aid kit missing from the cab",
     "Put a first-aid kit back in the cab", "Kit replaced."),
    ("Straps and chains for load securement", "Frayed ratchet strap",
     "Discard the frayed strap and buy new ones", "Four new straps bought."),
)
EQUIPMENT = ("Bobcat S650 skid steer", "Mitre saw and stand", "Compressor and nailers")
VEHICLES = ("2019 Ford F-250 (unit 1)", "2021 Ram 2500 (unit 2)", "16 ft tandem trailer")

TALKS = (
    ("winter", "Cold stress and frostbite", "Signs of frostbite; warm-up breaks; buddy checks."),
    ("winter", "Slips on snow and ice", "Ice cleats handed out; sand bucket at each entrance."),
    ("winter", "Winter driving", "Block heaters, emergency kit in each truck, slow down."),
    ("winter", "Carbon monoxide from heaters", "Ventilate when running propane heaters."),
    ("summer", "Heat stress", "Water, shade, and watching each other for heat illness."),
    ("summer", "Wildfire smoke", "Check the air quality index; N95s in the trailer."),
    ("summer", "Sun exposure", "Sunscreen, long sleeves, brimmed hard-hat liners."),
    ("any", "Fall protection: anchors and harness check", "Inspect harness webbing daily."),
    ("any", "Ladder safety", "Three points of contact; tie off at the top."),
    ("any", "Power tool guards", "Never pin a guard back; tag out a broken tool."),
    ("any", "Nail gun safety", "Sequential trigger only; no one in front of the work."),
    ("any", "Spotters for mobile equipment", "Eye contact with the operator before passing."),
    ("any", "Hearing protection", "Plugs in before the saw starts."),
    ("any", "WHMIS labels and SDS", "Where the SDS binder is; reading a supplier label."),
    ("any", "Your right to refuse unsafe work", "How to refuse, and that nobody is punished."),
    ("any", "Reporting near misses", "Every near miss gets written up the same day."),
    ("any", "Housekeeping", "Scrap bins on each floor; clear stairways."),
    ("any", "Lifting and back care", "Two-person lifts over 23 kg; use the cart."),
    ("any", "Eye protection", "Safety glasses at all times on site."),
    ("any", "Muster point and emergency plan", "Walked to the muster point; headcount."),
    ("any", "Fire extinguishers", "PASS; where each extinguisher is."),
    ("any", "Working alone check-ins", "Text the supervisor every two hours."),
    ("any", "Hand safety and knives", "Self-retracting knives only; cut-resistant gloves."),
    ("any", "Overhead power lines", "Keep 7 m from lines; call before raising booms."),
    ("any", "Fatigue and mental health", "Speak up when tired; help line numbers posted."),
)
CONCERNS = (
    ("A second fire extinguisher is needed on the upper floor",
     "Mount a second fire extinguisher on the upper floor", "Extinguisher mounted."),
    ("The trailer heater cuts out", "Have the trailer heater serviced", "Thermocouple replaced."),
    ("Ramp to the back door is slippery", "Add grip strips to the ramp", "Grip strips installed."),
    ("Not enough ear plugs in the trailer", "Stock ear plugs in the trailer", "Box restocked."),
)
FIRST_AID_CASES = (
    ("Sliver in the right palm", "Removed with tweezers; cleaned and bandaged"),
    ("Sawdust in the left eye", "Eye flushed with saline for 5 minutes; no further symptoms"),
    ("Bruised thumb (hammer strike)", "Ice pack applied; returned to work"),
    ("Blister on the heel from new boots", "Blister pad applied"),
    ("Minor burn on the forearm (propane heater)", "Cooled under running water 10 minutes"),
)
DRILLS = (  # February, May, August, November
    ("Fire in the site trailer: evacuate and headcount at the muster point", 12,
     "Headcount took too long; the sign-in sheet now stays by the door."),
    ("Worker hurt on the second floor: call 911 and bring them down", 25,
     "Rescue ladder was behind a material pile; it now has a marked spot."),
    ("Severe thunderstorm: stop work and shelter in the trucks", 8, "All sheltered in 8 minutes."),
    ("Medical emergency: first aider response and guiding the ambulance in", 18,
     "Civic address posted in both trucks."),
)
SITES = {
    "shop": ("Shop and yard", "4912 46 Street, Lacombe, AB"),
    "lakeview": ("Lakeview Townhomes, Block C", "Lakeview Drive, Sylvan Lake, AB"),
    "gasoline": ("Gasoline Alley retail renovation", "Gasoline Alley East, Red Deer County"),
}
# (type, title, text, which of the framework's directive documents it fulfils)
DOCUMENTS = (
    (DocumentType.POLICY, "Health and safety policy",
     "Aspen Ridge Builders is committed to preventing injury and illness. Management provides "
     "training, equipment and time to work safely; supervisors enforce the program; workers "
     "follow safe work practices, report hazards, near misses and incidents, and may refuse "
     "unsafe work without reprisal. The program is reviewed every year.", ("policy",)),
    (DocumentType.SAFE_WORK_PRACTICE, "Safe work practice: working at heights",
     "Guardrails first; where they cannot be used, fall arrest tied off to an engineered anchor "
     "above 3 m. Harnesses inspected before each use. A rescue plan is in place before work.",
     ("safe_work_practices",)),
    (DocumentType.SAFE_WORK_PRACTICE, "Safe work practice: ladders",
     "Inspect before use, set at 4:1, tie off at the top, extend 1 m above the landing, keep "
     "three points of contact. Damaged ladders are tagged out and destroyed.",
     ("safe_work_practices",)),
    (DocumentType.SAFE_JOB_PROCEDURE, "Safe job procedure: operating the skid steer",
     "Pre-use inspection; seat belt and lap bar; spotter when reversing near workers; bucket "
     "low when travelling; park on level ground with the bucket down and the key removed.",
     ("safe_work_procedures",)),
    (DocumentType.COMPANY_RULES, "Company safety rules",
     "Hard hat, boots, glasses and a high-visibility vest on every site. No impairment. Report "
     "every incident and near miss the same day. Horseplay is grounds for discipline.", ()),
    (DocumentType.OTHER, "Safety program manual",
     "Who does what (owner, supervisor, workers); how hazards are assessed (formal assessment "
     "per job, FLHA each shift); the inspection schedule and checklists; how incidents and near "
     "misses are reported and investigated; the orientation checklist; what records are kept "
     "and for how long. (The training plan is still to be written.)",
     ("responsibilities", "hazard_assessment_procedure", "inspection_schedule",
      "incident_reporting_procedure", "orientation_checklist", "records_procedure")),
)
COLD_WEATHER = (
    DocumentType.SAFE_WORK_PRACTICE, "Safe work practice: cold weather",
    "Warm-up breaks every two hours below -20 °C with wind chill; buddy system; outdoor work "
    "stops below -35 °C. Propane heaters only with ventilation and a CO monitor.",
    ("safe_work_practices",),
)
# fmt: on


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    role: str
    kind: EmploymentType
    start: date
    end: date | None = None
    is_owner: bool = False
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)

    def on_roster(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def people_for(as_of: date) -> tuple[Person, ...]:
    """Eight people: the owner, six crew, a seasonal labourer; one hired about 3 months ago."""
    season = as_of.year if as_of >= date(as_of.year, 10, 24) else as_of.year - 1
    full = EmploymentType.FULL_TIME
    spring = work_on_or_after(date(season, 4, 13))
    autumn = work_on_or_before(date(season, 10, 16))
    hired = work_on_or_after(as_of - timedelta(days=91))
    # fmt: off
    return (
        Person("owner", "Gord Halvorsen", "Owner and safety lead",
               EmploymentType.OWNER_OPERATOR, date(2009, 4, 14), is_owner=True),
        Person("super", "Marie-Hélène Tremblay", "Site supervisor", full, date(2015, 3, 9)),
        Person("jas", "Jaspreet Sandhu", "Journeyman carpenter", full, date(2018, 5, 7)),
        Person("tyler", "Tyler Whitehorse", "Carpenter", full, date(2020, 8, 24)),
        Person("owen", "Owen MacLeod", "Equipment operator", full, date(2021, 6, 14)),
        Person("ana", "Ana Reyes", "Labourer (Tuesdays and Thursdays)",
               EmploymentType.PART_TIME, date(2023, 2, 7), weekdays=(1, 3)),
        Person("liam", "Liam Nguyen", "Seasonal labourer", EmploymentType.SEASONAL,
               spring, autumn),
        Person("priya", "Priya Desai", "Apprentice carpenter", full, hired),
    )
    # fmt: on
