/**
 * French elision before a name a person chose: "de" becomes "d’" before a vowel ("membre
 * d’Atelier Groot Eiland", "près d’Ypres"), and stays "de" before a consonant, an h (often
 * aspirated in names: "de Hackerspace Gent"), a digit or a sign. Shared by the app's messages and
 * the server's notification texts, so the same name reads the same in both (a payload's name may be
 * absent: then only "de").
 */
export function de(name: string | undefined = ''): string {
  const first = name.normalize('NFD').charAt(0).toLowerCase();
  return 'aeiouy'.includes(first) && first !== '' ? `d’${name}` : `de ${name}`;
}
