import type similarityEn from './similarity-strings.ts';

const similaritySv: typeof similarityEn = {
  similarity: {
    link: 'Liknande kod',
    heading: 'Liknande kod: {{title}}',
    back: 'Tillbaka till provet',
    notice:
      'Likhet är ett underlag för en människa att titta på, aldrig en dom. Korta uppgifter har få bra lösningar, så vanliga lösningar liknar naturligt varandra; folk lär sig också från samma böcker och kurser. Läs båda koderna innan du tänker något om ett par, och prata med kandidaterna om deras kod. Ingenting i Kodbro döljer eller ändrar ett resultat på grund av ett värde.',
    method:
      'Varje kandidats sista inlämning per uppgift jämförs med de andras i samma språk. Namn, tal, text, kommentarer, layout, funktionernas ordning och startkoden räknas inte. Värdet är den minsta av de två andelarna kod som stämmer överens (100 % betyder att båda programmen helt består av den gemensamma delen). Par från {{threshold}} % visas.',
    loading: 'Jämför…',
    compared_one: '{{count}} sista inlämning jämförd.',
    compared_other: '{{count}} sista inlämningar jämförda.',
    noPairs: 'Inget par över gränsen.',
    pairsCaption: 'Par för {{title}}, högsta värdet först',
    candidateA: 'Kandidat',
    candidateB: 'Kandidat',
    language: 'Språk',
    score: 'Värde',
    percent: '{{value}} %',
    open: 'Jämför {{a}} och {{b}}',
    sideBySide: 'Sida vid sida',
    close: 'Stäng',
    pairHeading: '{{a}} ↔ {{b}}',
    regions: 'Delar som stämmer överens',
    region: 'Rad {{aFrom}}–{{aTo}} ↔ rad {{bFrom}}–{{bTo}}',
    regionLabel: 'Träff {{n}}',
    codeOf: 'Koden av {{name}}',
    loadingCode: 'Hämtar båda koderna…',
    legend: 'Rader i en del som stämmer överens är markerade och numrerade i marginalen (▌1 = träff 1).',
    shares: '{{aShare}} % av koden av {{a}} finns i den gemensamma delen, och {{bShare}} % av koden av {{b}}.',
    shown: 'Visar {{a}} och {{b}} sida vid sida.',
  },
};

export default similaritySv;
