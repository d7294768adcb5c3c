/** The demo office: 3 teams, sb1…sb8, tl1, tl2, admin (password postkorb-demo), ~50 cases, one absence. */

import type { OfficeSeed } from "../../src/db/office-seed.js";
import { officeDate } from "../../src/domain/office-time.js";
import { hashPassword } from "../../src/web/auth/scrypt-password.js";

export const DEMO_PASSWORD = "postkorb-demo";

const SURNAMES = [
  "Abel",
  "Bäcker",
  "Becker",
  "Çelik",
  "Dietrich",
  "Engel",
  "Fischer",
  "Günther",
  "Hoffmann",
  "Jäger",
  "Kaiser",
  "Krüger",
  "Lange",
  "Łukasiewicz",
  "Meier-Lüdenscheidt",
  "Neumann",
  "O'Connor",
  "Öztürk",
  "Peters",
  "Quast",
  "Richter",
  "Schäfer",
  "Schmidt",
  "Strauß",
  "Theis",
  "Ulrich",
  "Vogel",
  "von der Heide",
  "Wagner",
  "Weiß",
  "Yilmaz",
  "Zimmermann",
  "Albrecht",
  "Brandt",
  "Dąbrowski",
  "Frank",
  "Graf",
  "Hartmann",
  "Ivanova",
  "Jung",
  "Köhler",
  "Lorenz",
  "Möller",
  "Nowak",
  "Otto",
  "Pohl",
  "Roth",
  "Sommer",
  "Tran",
];

interface Team {
  id: string;
  name: string;
  queueMode: "shared" | "fewest-open";
  prefix: string;
  members: string[];
}

const TEAMS: Team[] = [
  { id: "grusi", name: "Grundsicherung", queueMode: "shared", prefix: "50", members: ["sb1", "sb2", "sb3"] },
  {
    id: "wohnen",
    name: "Wohngeld und Wohnen",
    queueMode: "shared",
    prefix: "51",
    members: ["sb4", "sb5", "sb6"],
  },
  {
    id: "teilhabe",
    name: "Teilhabe und Eingliederung",
    queueMode: "fewest-open",
    prefix: "52",
    members: ["sb7", "sb8"],
  },
];

const RANGES = [
  { team: "grusi", from: "A", to: "G", assignee: "sb1" },
  { team: "grusi", from: "H", to: "O", assignee: "sb2" },
  { team: "grusi", from: "P", to: "Z", assignee: "sb3" },
  { team: "wohnen", from: "A", to: "H", assignee: "sb4" },
  { team: "wohnen", from: "I", to: "R", assignee: "sb5" },
  { team: "wohnen", from: "S", to: "Z", assignee: "sb6" },
];

const RULES = [
  { docType: "Kontoauszug", team: "grusi" },
  { docType: "Lohnabrechnung", team: "grusi" },
  { docType: "Antrag", team: "grusi" },
  { docType: "Weiterbewilligungsantrag", team: "grusi" },
  { docType: "Mietbescheinigung", team: "wohnen" },
  { docType: "Bescheid", team: "wohnen" },
  { docType: "Nachweis", team: "teilhabe" },
  { docType: "Arbeitsunfähigkeitsbescheinigung", team: "teilhabe" },
];

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function buildDemoOffice(now: Date): Promise<OfficeSeed> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = officeDate(now, "Europe/Berlin");
  const users: OfficeSeed["users"] = [
    ...TEAMS.flatMap((t) =>
      t.members.map((login) => ({
        login,
        name: `Sachbearbeitung ${login.toUpperCase()}`,
        role: "caseworker" as const,
        team: t.id,
        email: `${login}@amt.example`,
        passwordHash,
      })),
    ),
    {
      login: "tl1",
      name: "Teamleitung Grundsicherung",
      role: "supervisor",
      team: "grusi",
      email: "tl1@amt.example",
      passwordHash,
    },
    {
      login: "tl2",
      name: "Teamleitung Wohnen",
      role: "supervisor",
      team: "wohnen",
      email: "tl2@amt.example",
      passwordHash,
    },
    {
      login: "admin",
      name: "Administration",
      role: "admin",
      team: null,
      email: "admin@amt.example",
      passwordHash,
    },
  ];
  const register: OfficeSeed["register"] = [
    { caseRef: "50-1234/2026", customerNo: "100234", surname: "Müller", assignee: "sb1" },
  ];
  SURNAMES.forEach((surname, i) => {
    const team = TEAMS[i % TEAMS.length]!;
    const assignee = team.members[Math.floor(i / TEAMS.length) % team.members.length]!;
    register.push({
      caseRef: `${team.prefix}-${2000 + i * 7}/2026`,
      customerNo: String(200000 + i * 13),
      surname,
      assignee,
    });
  });
  return {
    teams: TEAMS.map(({ id, name, queueMode }) => ({ id, name, queueMode })),
    users,
    letterRanges: RANGES,
    register,
    absences: [
      { login: "sb3", from: addDays(today, -2), to: addDays(today, 7), substitute: "sb2", note: "Urlaub" },
    ],
    docTypeRules: RULES,
  };
}
