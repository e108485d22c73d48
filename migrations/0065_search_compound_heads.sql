-- The last part of a Dutch compound finds it: "Koperdraad restanten" is indexed with "draad", so
-- "draad", "wire" and "fil" find it (before, only "koperdraad" or "copper wire" did: the index
-- keeps a word whole and a query matches a word by its first letters). `search_terms` is now a
-- row's category names (as since migration 0020) followed by its title's compound heads
-- (`title_heads`): each name of `COMPOUND_HEADS` (src/shared/search-terms.ts) one of whose forms
-- ends a word of the title after at least three letters ("eikenhouten" → hout, "MDF-restplaten"
-- → plaat, "Piepschuim" → schuim; never "without" → hout). `npm run search-terms:sql` prints the
-- three expressions; test/integration/search.heads.test.ts holds them to `compoundHeadsOf`.
-- `title_words` is the title as the heads are read from it (marks as spaces, lower case): a
-- column of its own so that a row being written computes it once, where `title_heads` names it
-- about 200 times.
--
-- Only the rows whose title has a head change their terms: they are taken out of each index with
-- the terms they were indexed with (the update triggers' own statements), the column is made
-- again (a generated column cannot be altered; the triggers naming it are dropped and made again
-- as they were), and the same rows are indexed with their new terms. Every other row's terms are
-- the same text as before.

ALTER TABLE listings ADD COLUMN title_words TEXT GENERATED ALWAYS AS (
  ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title, ',', ' '), '-', ' '), '/', ' '), '(', ' '), ')', ' '), '.', ' '), ';', ' '), ':', ' '), '+', ' '), '&', ' ')) || ' '
) VIRTUAL;
ALTER TABLE listings ADD COLUMN title_heads TEXT GENERATED ALWAYS AS (
  CASE WHEN (instr(title_words, 'draad ') > 4 AND instr(substr(title_words, instr(title_words, 'draad ') - 3, 3), ' ') = 0) OR (instr(title_words, 'draden ') > 4 AND instr(substr(title_words, instr(title_words, 'draden ') - 3, 3), ' ') = 0) THEN ' draad' ELSE '' END
    || CASE WHEN (instr(title_words, 'plaat ') > 4 AND instr(substr(title_words, instr(title_words, 'plaat ') - 3, 3), ' ') = 0) OR (instr(title_words, 'platen ') > 4 AND instr(substr(title_words, instr(title_words, 'platen ') - 3, 3), ' ') = 0) THEN ' plaat' ELSE '' END
    || CASE WHEN (instr(title_words, 'buis ') > 4 AND instr(substr(title_words, instr(title_words, 'buis ') - 3, 3), ' ') = 0) OR (instr(title_words, 'buizen ') > 4 AND instr(substr(title_words, instr(title_words, 'buizen ') - 3, 3), ' ') = 0) THEN ' buis' ELSE '' END
    || CASE WHEN (instr(title_words, 'profiel ') > 4 AND instr(substr(title_words, instr(title_words, 'profiel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'profielen ') > 4 AND instr(substr(title_words, instr(title_words, 'profielen ') - 3, 3), ' ') = 0) THEN ' profiel' ELSE '' END
    || CASE WHEN (instr(title_words, 'balk ') > 4 AND instr(substr(title_words, instr(title_words, 'balk ') - 3, 3), ' ') = 0) OR (instr(title_words, 'balken ') > 4 AND instr(substr(title_words, instr(title_words, 'balken ') - 3, 3), ' ') = 0) THEN ' balk' ELSE '' END
    || CASE WHEN (instr(title_words, 'plank ') > 4 AND instr(substr(title_words, instr(title_words, 'plank ') - 3, 3), ' ') = 0) OR (instr(title_words, 'planken ') > 4 AND instr(substr(title_words, instr(title_words, 'planken ') - 3, 3), ' ') = 0) THEN ' plank' ELSE '' END
    || CASE WHEN (instr(title_words, 'latten ') > 4 AND instr(substr(title_words, instr(title_words, 'latten ') - 3, 3), ' ') = 0) THEN ' lat' ELSE '' END
    || CASE WHEN (instr(title_words, 'rollen ') > 4 AND instr(substr(title_words, instr(title_words, 'rollen ') - 3, 3), ' ') = 0) THEN ' rol' ELSE '' END
    || CASE WHEN (instr(title_words, 'spoel ') > 4 AND instr(substr(title_words, instr(title_words, 'spoel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'spoelen ') > 4 AND instr(substr(title_words, instr(title_words, 'spoelen ') - 3, 3), ' ') = 0) THEN ' spoel' ELSE '' END
    || CASE WHEN (instr(title_words, 'doos ') > 4 AND instr(substr(title_words, instr(title_words, 'doos ') - 3, 3), ' ') = 0) OR (instr(title_words, 'dozen ') > 4 AND instr(substr(title_words, instr(title_words, 'dozen ') - 3, 3), ' ') = 0) THEN ' doos' ELSE '' END
    || CASE WHEN (instr(title_words, 'zak ') > 4 AND instr(substr(title_words, instr(title_words, 'zak ') - 3, 3), ' ') = 0) OR (instr(title_words, 'zakken ') > 4 AND instr(substr(title_words, instr(title_words, 'zakken ') - 3, 3), ' ') = 0) THEN ' zak' ELSE '' END
    || CASE WHEN (instr(title_words, 'rest ') > 4 AND instr(substr(title_words, instr(title_words, 'rest ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'rest ') - 3, 3) NOT IN ('nte')) OR (instr(title_words, 'resten ') > 4 AND instr(substr(title_words, instr(title_words, 'resten ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'resten ') - 3, 3) NOT IN ('nte')) OR (instr(title_words, 'restje ') > 4 AND instr(substr(title_words, instr(title_words, 'restje ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'restje ') - 3, 3) NOT IN ('nte')) OR (instr(title_words, 'restjes ') > 4 AND instr(substr(title_words, instr(title_words, 'restjes ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'restjes ') - 3, 3) NOT IN ('nte')) THEN ' rest' ELSE '' END
    || CASE WHEN (instr(title_words, 'hout ') > 4 AND instr(substr(title_words, instr(title_words, 'hout ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'hout ') - 3, 3) NOT IN ('wit', 'oug')) OR (instr(title_words, 'houten ') > 4 AND instr(substr(title_words, instr(title_words, 'houten ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'houten ') - 3, 3) NOT IN ('wit', 'oug')) THEN ' hout' ELSE '' END
    || CASE WHEN (instr(title_words, 'staal ') > 4 AND instr(substr(title_words, instr(title_words, 'staal ') - 3, 3), ' ') = 0) OR (instr(title_words, 'stalen ') > 4 AND instr(substr(title_words, instr(title_words, 'stalen ') - 3, 3), ' ') = 0) THEN ' staal' ELSE '' END
    || CASE WHEN (instr(title_words, 'ijzer ') > 4 AND instr(substr(title_words, instr(title_words, 'ijzer ') - 3, 3), ' ') = 0) THEN ' ijzer' ELSE '' END
    || CASE WHEN (instr(title_words, 'koper ') > 4 AND instr(substr(title_words, instr(title_words, 'koper ') - 3, 3), ' ') = 0) THEN ' koper' ELSE '' END
    || CASE WHEN (instr(title_words, 'metaal ') > 4 AND instr(substr(title_words, instr(title_words, 'metaal ') - 3, 3), ' ') = 0) OR (instr(title_words, 'metalen ') > 4 AND instr(substr(title_words, instr(title_words, 'metalen ') - 3, 3), ' ') = 0) THEN ' metaal' ELSE '' END
    || CASE WHEN (instr(title_words, 'glas ') > 4 AND instr(substr(title_words, instr(title_words, 'glas ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'glas ') - 3, 3) NOT IN ('dou')) THEN ' glas' ELSE '' END
    || CASE WHEN (instr(title_words, 'ruit ') > 4 AND instr(substr(title_words, instr(title_words, 'ruit ') - 3, 3), ' ') = 0) OR (instr(title_words, 'ruiten ') > 4 AND instr(substr(title_words, instr(title_words, 'ruiten ') - 3, 3), ' ') = 0) THEN ' ruit' ELSE '' END
    || CASE WHEN (instr(title_words, 'schuim ') > 4 AND instr(substr(title_words, instr(title_words, 'schuim ') - 3, 3), ' ') = 0) THEN ' schuim' ELSE '' END
    || CASE WHEN (instr(title_words, 'rubber ') > 4 AND instr(substr(title_words, instr(title_words, 'rubber ') - 3, 3), ' ') = 0) THEN ' rubber' ELSE '' END
    || CASE WHEN (instr(title_words, 'karton ') > 4 AND instr(substr(title_words, instr(title_words, 'karton ') - 3, 3), ' ') = 0) THEN ' karton' ELSE '' END
    || CASE WHEN (instr(title_words, 'papier ') > 4 AND instr(substr(title_words, instr(title_words, 'papier ') - 3, 3), ' ') = 0) THEN ' papier' ELSE '' END
    || CASE WHEN (instr(title_words, 'vilt ') > 4 AND instr(substr(title_words, instr(title_words, 'vilt ') - 3, 3), ' ') = 0) THEN ' vilt' ELSE '' END
    || CASE WHEN (instr(title_words, 'leder ') > 4 AND instr(substr(title_words, instr(title_words, 'leder ') - 3, 3), ' ') = 0) OR (instr(title_words, 'leer ') > 4 AND instr(substr(title_words, instr(title_words, 'leer ') - 3, 3), ' ') = 0) THEN ' leder' ELSE '' END
    || CASE WHEN (instr(title_words, 'steen ') > 4 AND instr(substr(title_words, instr(title_words, 'steen ') - 3, 3), ' ') = 0) OR (instr(title_words, 'stenen ') > 4 AND instr(substr(title_words, instr(title_words, 'stenen ') - 3, 3), ' ') = 0) THEN ' steen' ELSE '' END
    || CASE WHEN (instr(title_words, 'tegel ') > 4 AND instr(substr(title_words, instr(title_words, 'tegel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'tegels ') > 4 AND instr(substr(title_words, instr(title_words, 'tegels ') - 3, 3), ' ') = 0) THEN ' tegel' ELSE '' END
    || CASE WHEN (instr(title_words, 'kabel ') > 4 AND instr(substr(title_words, instr(title_words, 'kabel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'kabels ') > 4 AND instr(substr(title_words, instr(title_words, 'kabels ') - 3, 3), ' ') = 0) THEN ' kabel' ELSE '' END
    || CASE WHEN (instr(title_words, 'doek ') > 4 AND instr(substr(title_words, instr(title_words, 'doek ') - 3, 3), ' ') = 0) OR (instr(title_words, 'doeken ') > 4 AND instr(substr(title_words, instr(title_words, 'doeken ') - 3, 3), ' ') = 0) THEN ' doek' ELSE '' END
    || CASE WHEN (instr(title_words, 'gaas ') > 4 AND instr(substr(title_words, instr(title_words, 'gaas ') - 3, 3), ' ') = 0) THEN ' gaas' ELSE '' END
    || CASE WHEN (instr(title_words, 'lijm ') > 4 AND instr(substr(title_words, instr(title_words, 'lijm ') - 3, 3), ' ') = 0) THEN ' lijm' ELSE '' END
    || CASE WHEN (instr(title_words, 'verf ') > 4 AND instr(substr(title_words, instr(title_words, 'verf ') - 3, 3), ' ') = 0) THEN ' verf' ELSE '' END
    || CASE WHEN (instr(title_words, 'hars ') > 4 AND instr(substr(title_words, instr(title_words, 'hars ') - 3, 3), ' ') = 0) THEN ' hars' ELSE '' END
    || CASE WHEN (instr(title_words, 'kurk ') > 4 AND instr(substr(title_words, instr(title_words, 'kurk ') - 3, 3), ' ') = 0) THEN ' kurk' ELSE '' END
    || CASE WHEN (instr(title_words, 'spiegel ') > 4 AND instr(substr(title_words, instr(title_words, 'spiegel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'spiegels ') > 4 AND instr(substr(title_words, instr(title_words, 'spiegels ') - 3, 3), ' ') = 0) THEN ' spiegel' ELSE '' END
    || CASE WHEN (instr(title_words, 'motor ') > 4 AND instr(substr(title_words, instr(title_words, 'motor ') - 3, 3), ' ') = 0) OR (instr(title_words, 'motoren ') > 4 AND instr(substr(title_words, instr(title_words, 'motoren ') - 3, 3), ' ') = 0) THEN ' motor' ELSE '' END
    || CASE WHEN (instr(title_words, 'knop ') > 4 AND instr(substr(title_words, instr(title_words, 'knop ') - 3, 3), ' ') = 0) OR (instr(title_words, 'knoppen ') > 4 AND instr(substr(title_words, instr(title_words, 'knoppen ') - 3, 3), ' ') = 0) THEN ' knop' ELSE '' END
    || CASE WHEN (instr(title_words, 'multiplex ') > 4 AND instr(substr(title_words, instr(title_words, 'multiplex ') - 3, 3), ' ') = 0) THEN ' multiplex' ELSE '' END
    || CASE WHEN (instr(title_words, 'triplex ') > 4 AND instr(substr(title_words, instr(title_words, 'triplex ') - 3, 3), ' ') = 0) THEN ' triplex' ELSE '' END
) VIRTUAL;
ALTER TABLE requests ADD COLUMN title_words TEXT GENERATED ALWAYS AS (
  ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title, ',', ' '), '-', ' '), '/', ' '), '(', ' '), ')', ' '), '.', ' '), ';', ' '), ':', ' '), '+', ' '), '&', ' ')) || ' '
) VIRTUAL;
ALTER TABLE requests ADD COLUMN title_heads TEXT GENERATED ALWAYS AS (
  CASE WHEN (instr(title_words, 'draad ') > 4 AND instr(substr(title_words, instr(title_words, 'draad ') - 3, 3), ' ') = 0) OR (instr(title_words, 'draden ') > 4 AND instr(substr(title_words, instr(title_words, 'draden ') - 3, 3), ' ') = 0) THEN ' draad' ELSE '' END
    || CASE WHEN (instr(title_words, 'plaat ') > 4 AND instr(substr(title_words, instr(title_words, 'plaat ') - 3, 3), ' ') = 0) OR (instr(title_words, 'platen ') > 4 AND instr(substr(title_words, instr(title_words, 'platen ') - 3, 3), ' ') = 0) THEN ' plaat' ELSE '' END
    || CASE WHEN (instr(title_words, 'buis ') > 4 AND instr(substr(title_words, instr(title_words, 'buis ') - 3, 3), ' ') = 0) OR (instr(title_words, 'buizen ') > 4 AND instr(substr(title_words, instr(title_words, 'buizen ') - 3, 3), ' ') = 0) THEN ' buis' ELSE '' END
    || CASE WHEN (instr(title_words, 'profiel ') > 4 AND instr(substr(title_words, instr(title_words, 'profiel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'profielen ') > 4 AND instr(substr(title_words, instr(title_words, 'profielen ') - 3, 3), ' ') = 0) THEN ' profiel' ELSE '' END
    || CASE WHEN (instr(title_words, 'balk ') > 4 AND instr(substr(title_words, instr(title_words, 'balk ') - 3, 3), ' ') = 0) OR (instr(title_words, 'balken ') > 4 AND instr(substr(title_words, instr(title_words, 'balken ') - 3, 3), ' ') = 0) THEN ' balk' ELSE '' END
    || CASE WHEN (instr(title_words, 'plank ') > 4 AND instr(substr(title_words, instr(title_words, 'plank ') - 3, 3), ' ') = 0) OR (instr(title_words, 'planken ') > 4 AND instr(substr(title_words, instr(title_words, 'planken ') - 3, 3), ' ') = 0) THEN ' plank' ELSE '' END
    || CASE WHEN (instr(title_words, 'latten ') > 4 AND instr(substr(title_words, instr(title_words, 'latten ') - 3, 3), ' ') = 0) THEN ' lat' ELSE '' END
    || CASE WHEN (instr(title_words, 'rollen ') > 4 AND instr(substr(title_words, instr(title_words, 'rollen ') - 3, 3), ' ') = 0) THEN ' rol' ELSE '' END
    || CASE WHEN (instr(title_words, 'spoel ') > 4 AND instr(substr(title_words, instr(title_words, 'spoel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'spoelen ') > 4 AND instr(substr(title_words, instr(title_words, 'spoelen ') - 3, 3), ' ') = 0) THEN ' spoel' ELSE '' END
    || CASE WHEN (instr(title_words, 'doos ') > 4 AND instr(substr(title_words, instr(title_words, 'doos ') - 3, 3), ' ') = 0) OR (instr(title_words, 'dozen ') > 4 AND instr(substr(title_words, instr(title_words, 'dozen ') - 3, 3), ' ') = 0) THEN ' doos' ELSE '' END
    || CASE WHEN (instr(title_words, 'zak ') > 4 AND instr(substr(title_words, instr(title_words, 'zak ') - 3, 3), ' ') = 0) OR (instr(title_words, 'zakken ') > 4 AND instr(substr(title_words, instr(title_words, 'zakken ') - 3, 3), ' ') = 0) THEN ' zak' ELSE '' END
    || CASE WHEN (instr(title_words, 'rest ') > 4 AND instr(substr(title_words, instr(title_words, 'rest ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'rest ') - 3, 3) NOT IN ('nte')) OR (instr(title_words, 'resten ') > 4 AND instr(substr(title_words, instr(title_words, 'resten ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'resten ') - 3, 3) NOT IN ('nte')) OR (instr(title_words, 'restje ') > 4 AND instr(substr(title_words, instr(title_words, 'restje ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'restje ') - 3, 3) NOT IN ('nte')) OR (instr(title_words, 'restjes ') > 4 AND instr(substr(title_words, instr(title_words, 'restjes ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'restjes ') - 3, 3) NOT IN ('nte')) THEN ' rest' ELSE '' END
    || CASE WHEN (instr(title_words, 'hout ') > 4 AND instr(substr(title_words, instr(title_words, 'hout ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'hout ') - 3, 3) NOT IN ('wit', 'oug')) OR (instr(title_words, 'houten ') > 4 AND instr(substr(title_words, instr(title_words, 'houten ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'houten ') - 3, 3) NOT IN ('wit', 'oug')) THEN ' hout' ELSE '' END
    || CASE WHEN (instr(title_words, 'staal ') > 4 AND instr(substr(title_words, instr(title_words, 'staal ') - 3, 3), ' ') = 0) OR (instr(title_words, 'stalen ') > 4 AND instr(substr(title_words, instr(title_words, 'stalen ') - 3, 3), ' ') = 0) THEN ' staal' ELSE '' END
    || CASE WHEN (instr(title_words, 'ijzer ') > 4 AND instr(substr(title_words, instr(title_words, 'ijzer ') - 3, 3), ' ') = 0) THEN ' ijzer' ELSE '' END
    || CASE WHEN (instr(title_words, 'koper ') > 4 AND instr(substr(title_words, instr(title_words, 'koper ') - 3, 3), ' ') = 0) THEN ' koper' ELSE '' END
    || CASE WHEN (instr(title_words, 'metaal ') > 4 AND instr(substr(title_words, instr(title_words, 'metaal ') - 3, 3), ' ') = 0) OR (instr(title_words, 'metalen ') > 4 AND instr(substr(title_words, instr(title_words, 'metalen ') - 3, 3), ' ') = 0) THEN ' metaal' ELSE '' END
    || CASE WHEN (instr(title_words, 'glas ') > 4 AND instr(substr(title_words, instr(title_words, 'glas ') - 3, 3), ' ') = 0 AND substr(title_words, instr(title_words, 'glas ') - 3, 3) NOT IN ('dou')) THEN ' glas' ELSE '' END
    || CASE WHEN (instr(title_words, 'ruit ') > 4 AND instr(substr(title_words, instr(title_words, 'ruit ') - 3, 3), ' ') = 0) OR (instr(title_words, 'ruiten ') > 4 AND instr(substr(title_words, instr(title_words, 'ruiten ') - 3, 3), ' ') = 0) THEN ' ruit' ELSE '' END
    || CASE WHEN (instr(title_words, 'schuim ') > 4 AND instr(substr(title_words, instr(title_words, 'schuim ') - 3, 3), ' ') = 0) THEN ' schuim' ELSE '' END
    || CASE WHEN (instr(title_words, 'rubber ') > 4 AND instr(substr(title_words, instr(title_words, 'rubber ') - 3, 3), ' ') = 0) THEN ' rubber' ELSE '' END
    || CASE WHEN (instr(title_words, 'karton ') > 4 AND instr(substr(title_words, instr(title_words, 'karton ') - 3, 3), ' ') = 0) THEN ' karton' ELSE '' END
    || CASE WHEN (instr(title_words, 'papier ') > 4 AND instr(substr(title_words, instr(title_words, 'papier ') - 3, 3), ' ') = 0) THEN ' papier' ELSE '' END
    || CASE WHEN (instr(title_words, 'vilt ') > 4 AND instr(substr(title_words, instr(title_words, 'vilt ') - 3, 3), ' ') = 0) THEN ' vilt' ELSE '' END
    || CASE WHEN (instr(title_words, 'leder ') > 4 AND instr(substr(title_words, instr(title_words, 'leder ') - 3, 3), ' ') = 0) OR (instr(title_words, 'leer ') > 4 AND instr(substr(title_words, instr(title_words, 'leer ') - 3, 3), ' ') = 0) THEN ' leder' ELSE '' END
    || CASE WHEN (instr(title_words, 'steen ') > 4 AND instr(substr(title_words, instr(title_words, 'steen ') - 3, 3), ' ') = 0) OR (instr(title_words, 'stenen ') > 4 AND instr(substr(title_words, instr(title_words, 'stenen ') - 3, 3), ' ') = 0) THEN ' steen' ELSE '' END
    || CASE WHEN (instr(title_words, 'tegel ') > 4 AND instr(substr(title_words, instr(title_words, 'tegel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'tegels ') > 4 AND instr(substr(title_words, instr(title_words, 'tegels ') - 3, 3), ' ') = 0) THEN ' tegel' ELSE '' END
    || CASE WHEN (instr(title_words, 'kabel ') > 4 AND instr(substr(title_words, instr(title_words, 'kabel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'kabels ') > 4 AND instr(substr(title_words, instr(title_words, 'kabels ') - 3, 3), ' ') = 0) THEN ' kabel' ELSE '' END
    || CASE WHEN (instr(title_words, 'doek ') > 4 AND instr(substr(title_words, instr(title_words, 'doek ') - 3, 3), ' ') = 0) OR (instr(title_words, 'doeken ') > 4 AND instr(substr(title_words, instr(title_words, 'doeken ') - 3, 3), ' ') = 0) THEN ' doek' ELSE '' END
    || CASE WHEN (instr(title_words, 'gaas ') > 4 AND instr(substr(title_words, instr(title_words, 'gaas ') - 3, 3), ' ') = 0) THEN ' gaas' ELSE '' END
    || CASE WHEN (instr(title_words, 'lijm ') > 4 AND instr(substr(title_words, instr(title_words, 'lijm ') - 3, 3), ' ') = 0) THEN ' lijm' ELSE '' END
    || CASE WHEN (instr(title_words, 'verf ') > 4 AND instr(substr(title_words, instr(title_words, 'verf ') - 3, 3), ' ') = 0) THEN ' verf' ELSE '' END
    || CASE WHEN (instr(title_words, 'hars ') > 4 AND instr(substr(title_words, instr(title_words, 'hars ') - 3, 3), ' ') = 0) THEN ' hars' ELSE '' END
    || CASE WHEN (instr(title_words, 'kurk ') > 4 AND instr(substr(title_words, instr(title_words, 'kurk ') - 3, 3), ' ') = 0) THEN ' kurk' ELSE '' END
    || CASE WHEN (instr(title_words, 'spiegel ') > 4 AND instr(substr(title_words, instr(title_words, 'spiegel ') - 3, 3), ' ') = 0) OR (instr(title_words, 'spiegels ') > 4 AND instr(substr(title_words, instr(title_words, 'spiegels ') - 3, 3), ' ') = 0) THEN ' spiegel' ELSE '' END
    || CASE WHEN (instr(title_words, 'motor ') > 4 AND instr(substr(title_words, instr(title_words, 'motor ') - 3, 3), ' ') = 0) OR (instr(title_words, 'motoren ') > 4 AND instr(substr(title_words, instr(title_words, 'motoren ') - 3, 3), ' ') = 0) THEN ' motor' ELSE '' END
    || CASE WHEN (instr(title_words, 'knop ') > 4 AND instr(substr(title_words, instr(title_words, 'knop ') - 3, 3), ' ') = 0) OR (instr(title_words, 'knoppen ') > 4 AND instr(substr(title_words, instr(title_words, 'knoppen ') - 3, 3), ' ') = 0) THEN ' knop' ELSE '' END
    || CASE WHEN (instr(title_words, 'multiplex ') > 4 AND instr(substr(title_words, instr(title_words, 'multiplex ') - 3, 3), ' ') = 0) THEN ' multiplex' ELSE '' END
    || CASE WHEN (instr(title_words, 'triplex ') > 4 AND instr(substr(title_words, instr(title_words, 'triplex ') - 3, 3), ' ') = 0) THEN ' triplex' ELSE '' END
) VIRTUAL;

-- Out of every index, with the terms they were indexed with: the rows whose terms change.
INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, search_terms, description, filter_keys)
  SELECT 'delete', instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE t.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE t.category END || ',') * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.title_heads <> '';
INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, search_terms, description, filter_keys)
  SELECT 'delete', 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE t.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE t.category END || ',') * 9007199254740992 + t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.title_heads <> '';
INSERT INTO listings_fts (listings_fts, rowid, title, search_terms, description, hub_key, filter_keys)
  SELECT 'delete', t.id, t.title, t.search_terms, t.description, t.hub_key, t.filter_keys
  FROM listings t WHERE t.title_heads <> '';
INSERT INTO listings_hub_fts (listings_hub_fts, rowid, title, search_terms, description, filter_keys)
  SELECT 'delete', t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.title_heads <> '';
INSERT INTO requests_fts (requests_fts, rowid, title, search_terms, description, hub_key, filter_keys)
  SELECT 'delete', t.id, t.title, t.search_terms, t.description, t.hub_key, t.filter_keys
  FROM requests t WHERE t.title_heads <> '';
INSERT INTO requests_hub_fts (requests_hub_fts, rowid, title, search_terms, description, filter_keys)
  SELECT 'delete', t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM requests t WHERE t.title_heads <> '';

-- The column again, with the heads; the triggers that name it, as they were.
DROP TRIGGER listings_cat_fts_insert;
DROP TRIGGER listings_cat_fts_update;
DROP TRIGGER listings_cat_hub_fts_insert;
DROP TRIGGER listings_cat_hub_fts_update;
DROP TRIGGER listings_fts_insert;
DROP TRIGGER listings_fts_update;
DROP TRIGGER listings_hub_fts_insert;
DROP TRIGGER listings_hub_fts_update;
DROP TRIGGER requests_fts_insert;
DROP TRIGGER requests_fts_update;
DROP TRIGGER requests_hub_fts_insert;
DROP TRIGGER requests_hub_fts_update;
ALTER TABLE listings DROP COLUMN search_terms;
ALTER TABLE listings ADD COLUMN search_terms TEXT GENERATED ALWAYS AS (
  (CASE category
    WHEN 'wood' THEN 'hout bois wood timber lumber'
    WHEN 'plywood' THEN 'multiplex contreplaque plywood triplex multiplexplaat ply hout bois wood timber lumber'
    WHEN 'birch-plywood' THEN 'berken multiplex contreplaque bouleau birch plywood berkenmultiplex bouleau baltic birch birch ply multiplex contreplaque plywood triplex multiplexplaat ply hout bois wood timber lumber'
    WHEN 'mdf' THEN 'mdf mdf plaat vezelplaat medium panneau de fibres fibreboard fiberboard medium density fibreboard hout bois wood timber lumber'
    WHEN 'osb' THEN 'osb osb plaat panneau de lamelles orientees oriented strand board sterling board hout bois wood timber lumber'
    WHEN 'solid-wood' THEN 'massief hout bois massif solid wood massief massif hout bois wood timber lumber'
    WHEN 'hardwood' THEN 'loofhout feuillus hardwood hardhout bois dur massief hout bois massif solid wood massief massif hout bois wood timber lumber'
    WHEN 'softwood' THEN 'naaldhout resineux softwood zachthout bois tendre massief hout bois massif solid wood massief massif hout bois wood timber lumber'
    WHEN 'pallets' THEN 'paletten palettes pallets pallet europallet palette skid hout bois wood timber lumber'
    WHEN 'plastics' THEN 'kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'acrylic' THEN 'acryl acrylique acrylic acrylaat plexiglas perspex pmma altuglas plexiglass acrylic glass kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'pla' THEN 'pla polymelkzuur acide polylactique polylactic acid kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'abs' THEN 'abs kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'petg' THEN 'petg kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'pet' THEN 'pet polyethyleentereftalaat polyterephtalate d ethylene polyethylene terephthalate kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'polycarbonate' THEN 'polycarbonaat polycarbonate lexan makrolon kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'hdpe' THEN 'hdpe pehd polyetheen polyethyleen polyethylene kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'foam' THEN 'schuim mousse foam schuimrubber piepschuim eps xps polystyrene styrofoam kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'metals' THEN 'metalen metaux metals metaal metal'
    WHEN 'steel' THEN 'staal acier steel ijzer fer iron metalen metaux metals metaal metal'
    WHEN 'stainless-steel' THEN 'roestvrij staal acier inoxydable stainless steel rvs inox roestvast staal stainless metalen metaux metals metaal metal'
    WHEN 'aluminium' THEN 'aluminium alu aluminum metalen metaux metals metaal metal'
    WHEN 'copper' THEN 'koper cuivre copper metalen metaux metals metaal metal'
    WHEN 'brass' THEN 'messing laiton brass geelkoper metalen metaux metals metaal metal'
    WHEN 'textiles' THEN 'textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'cotton' THEN 'katoen coton cotton textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'wool' THEN 'wol laine wool vilt feutre felt textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'synthetic-fabric' THEN 'synthetische stof tissu synthetique synthetic fabric polyester nylon textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'leather' THEN 'leder cuir leather leer textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'glass' THEN 'glas verre glass'
    WHEN 'paper-board' THEN 'papier karton papier carton paper board papier karton carton paper paperboard'
    WHEN 'cardboard' THEN 'karton carton cardboard golfkarton carton ondule corrugated board papier karton papier carton paper board papier paper paperboard'
    WHEN 'paper' THEN 'papier paper papier karton papier carton paper board karton carton paperboard'
    WHEN 'electronics' THEN 'elektronica electronique electronics electronica'
    WHEN 'components' THEN 'componenten composants components onderdelen elektronica electronique electronics electronica'
    WHEN 'cables' THEN 'kabels cables kabel draad cable fil electrique wire elektronica electronique electronics electronica'
    WHEN 'stone' THEN 'steen keramiek pierre ceramique stone ceramics steen keramiek tegels natuursteen pierre ceramique carrelage stone ceramics tiles'
    WHEN 'machine-time' THEN 'machinetijd temps machine machine time'
    WHEN 'laser-cutting' THEN 'lasersnijden decoupe laser laser cutting lasercutter lasersnijder decoupeuse laser laser cutter machinetijd temps machine machine time'
    WHEN 'cnc-milling' THEN 'cnc frezen fraisage cnc cnc milling cnc freesmachine fraiseuse cnc cnc router machinetijd temps machine machine time'
    WHEN '3d-printing' THEN '3d printen impression 3d 3d printing 3d printer imprimante 3d machinetijd temps machine machine time'
    WHEN 'other' THEN 'overige autre other'
    ELSE ''
  END) || title_heads
) VIRTUAL;
ALTER TABLE requests DROP COLUMN search_terms;
ALTER TABLE requests ADD COLUMN search_terms TEXT GENERATED ALWAYS AS (
  (CASE category
    WHEN 'wood' THEN 'hout bois wood timber lumber'
    WHEN 'plywood' THEN 'multiplex contreplaque plywood triplex multiplexplaat ply hout bois wood timber lumber'
    WHEN 'birch-plywood' THEN 'berken multiplex contreplaque bouleau birch plywood berkenmultiplex bouleau baltic birch birch ply multiplex contreplaque plywood triplex multiplexplaat ply hout bois wood timber lumber'
    WHEN 'mdf' THEN 'mdf mdf plaat vezelplaat medium panneau de fibres fibreboard fiberboard medium density fibreboard hout bois wood timber lumber'
    WHEN 'osb' THEN 'osb osb plaat panneau de lamelles orientees oriented strand board sterling board hout bois wood timber lumber'
    WHEN 'solid-wood' THEN 'massief hout bois massif solid wood massief massif hout bois wood timber lumber'
    WHEN 'hardwood' THEN 'loofhout feuillus hardwood hardhout bois dur massief hout bois massif solid wood massief massif hout bois wood timber lumber'
    WHEN 'softwood' THEN 'naaldhout resineux softwood zachthout bois tendre massief hout bois massif solid wood massief massif hout bois wood timber lumber'
    WHEN 'pallets' THEN 'paletten palettes pallets pallet europallet palette skid hout bois wood timber lumber'
    WHEN 'plastics' THEN 'kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'acrylic' THEN 'acryl acrylique acrylic acrylaat plexiglas perspex pmma altuglas plexiglass acrylic glass kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'pla' THEN 'pla polymelkzuur acide polylactique polylactic acid kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'abs' THEN 'abs kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'petg' THEN 'petg kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'pet' THEN 'pet polyethyleentereftalaat polyterephtalate d ethylene polyethylene terephthalate kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'polycarbonate' THEN 'polycarbonaat polycarbonate lexan makrolon kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'hdpe' THEN 'hdpe pehd polyetheen polyethyleen polyethylene kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'foam' THEN 'schuim mousse foam schuimrubber piepschuim eps xps polystyrene styrofoam kunststoffen plastiques plastics kunststof plastic plastique'
    WHEN 'metals' THEN 'metalen metaux metals metaal metal'
    WHEN 'steel' THEN 'staal acier steel ijzer fer iron metalen metaux metals metaal metal'
    WHEN 'stainless-steel' THEN 'roestvrij staal acier inoxydable stainless steel rvs inox roestvast staal stainless metalen metaux metals metaal metal'
    WHEN 'aluminium' THEN 'aluminium alu aluminum metalen metaux metals metaal metal'
    WHEN 'copper' THEN 'koper cuivre copper metalen metaux metals metaal metal'
    WHEN 'brass' THEN 'messing laiton brass geelkoper metalen metaux metals metaal metal'
    WHEN 'textiles' THEN 'textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'cotton' THEN 'katoen coton cotton textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'wool' THEN 'wol laine wool vilt feutre felt textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'synthetic-fabric' THEN 'synthetische stof tissu synthetique synthetic fabric polyester nylon textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'leather' THEN 'leder cuir leather leer textiel textiles stof stoffen textile tissu fabric cloth'
    WHEN 'glass' THEN 'glas verre glass'
    WHEN 'paper-board' THEN 'papier karton papier carton paper board papier karton carton paper paperboard'
    WHEN 'cardboard' THEN 'karton carton cardboard golfkarton carton ondule corrugated board papier karton papier carton paper board papier paper paperboard'
    WHEN 'paper' THEN 'papier paper papier karton papier carton paper board karton carton paperboard'
    WHEN 'electronics' THEN 'elektronica electronique electronics electronica'
    WHEN 'components' THEN 'componenten composants components onderdelen elektronica electronique electronics electronica'
    WHEN 'cables' THEN 'kabels cables kabel draad cable fil electrique wire elektronica electronique electronics electronica'
    WHEN 'stone' THEN 'steen keramiek pierre ceramique stone ceramics steen keramiek tegels natuursteen pierre ceramique carrelage stone ceramics tiles'
    WHEN 'machine-time' THEN 'machinetijd temps machine machine time'
    WHEN 'laser-cutting' THEN 'lasersnijden decoupe laser laser cutting lasercutter lasersnijder decoupeuse laser laser cutter machinetijd temps machine machine time'
    WHEN 'cnc-milling' THEN 'cnc frezen fraisage cnc cnc milling cnc freesmachine fraiseuse cnc cnc router machinetijd temps machine machine time'
    WHEN '3d-printing' THEN '3d printen impression 3d 3d printing 3d printer imprimante 3d machinetijd temps machine machine time'
    WHEN 'other' THEN 'overige autre other'
    ELSE ''
  END) || title_heads
) VIRTUAL;
CREATE TRIGGER listings_cat_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_cat_fts (rowid, title, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER listings_cat_fts_update
AFTER UPDATE OF title, description, category, kind, condition, price_type, length_mm, width_mm ON listings BEGIN
  INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, filter_keys)
    VALUES ('delete', instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE old.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE old.category END || ',') * 8589934592 + 4294967295 - old.id, old.title, old.filter_keys);
  INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, search_terms, description, filter_keys)
    VALUES ('delete', instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE old.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE old.category END || ',') * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description, old.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER listings_cat_hub_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_cat_fts (rowid, title, filter_keys)
    VALUES (4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 9007199254740992 + new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 9007199254740992 + new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER listings_cat_hub_fts_update
AFTER UPDATE OF title, description, category, hub_id, kind, condition, price_type, length_mm, width_mm ON listings BEGIN
  INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, filter_keys)
    VALUES ('delete', 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE old.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE old.category END || ',') * 9007199254740992 + old.hub_id * 8589934592 + 4294967295 - old.id, old.title, old.filter_keys);
  INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, search_terms, description, filter_keys)
    VALUES ('delete', 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE old.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE old.category END || ',') * 9007199254740992 + old.hub_id * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description, old.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, filter_keys)
    VALUES (4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 9007199254740992 + new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 9007199254740992 + new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_fts (rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key, new.filter_keys);
END;
CREATE TRIGGER listings_fts_update
AFTER UPDATE OF title, description, category, hub_id, kind, condition, price_type, length_mm, width_mm ON listings BEGIN
  INSERT INTO listings_fts (listings_fts, rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES ('delete', old.id, old.title, old.search_terms, old.description, old.hub_key, old.filter_keys);
  INSERT INTO listings_fts (rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key, new.filter_keys);
END;
CREATE TRIGGER listings_hub_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_hub_fts (rowid, title, filter_keys)
    VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER listings_hub_fts_update
AFTER UPDATE OF title, description, category, hub_id, kind, condition, price_type, length_mm, width_mm ON listings BEGIN
  INSERT INTO listings_hub_fts (listings_hub_fts, rowid, title, filter_keys)
    VALUES ('delete', old.hub_id * 8589934592 + 4294967295 - old.id, old.title, old.filter_keys);
  INSERT INTO listings_hub_fts (listings_hub_fts, rowid, title, search_terms, description, filter_keys)
    VALUES ('delete', old.hub_id * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description, old.filter_keys);
  INSERT INTO listings_hub_fts (rowid, title, filter_keys)
    VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_fts (rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key, new.filter_keys);
END;
CREATE TRIGGER requests_fts_update AFTER UPDATE OF title, description, category, hub_id ON requests BEGIN
  INSERT INTO requests_fts (requests_fts, rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES ('delete', old.id, old.title, old.search_terms, old.description, old.hub_key, old.filter_keys);
  INSERT INTO requests_fts (rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key, new.filter_keys);
END;
CREATE TRIGGER requests_hub_fts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_hub_fts (rowid, title, filter_keys)
    VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO requests_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER requests_hub_fts_update AFTER UPDATE OF title, description, category, hub_id ON requests BEGIN
  INSERT INTO requests_hub_fts (requests_hub_fts, rowid, title, filter_keys)
    VALUES ('delete', old.hub_id * 8589934592 + 4294967295 - old.id, old.title, old.filter_keys);
  INSERT INTO requests_hub_fts (requests_hub_fts, rowid, title, search_terms, description, filter_keys)
    VALUES ('delete', old.hub_id * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description, old.filter_keys);
  INSERT INTO requests_hub_fts (rowid, title, filter_keys)
    VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO requests_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;

-- Into every index again, with their new terms.
INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
  SELECT instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE t.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE t.category END || ',') * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.title_heads <> '';
INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
  SELECT 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE t.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE t.category END || ',') * 9007199254740992 + t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.title_heads <> '';
INSERT INTO listings_fts (rowid, title, search_terms, description, hub_key, filter_keys)
  SELECT t.id, t.title, t.search_terms, t.description, t.hub_key, t.filter_keys
  FROM listings t WHERE t.title_heads <> '';
INSERT INTO listings_hub_fts (rowid, title, search_terms, description, filter_keys)
  SELECT t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.title_heads <> '';
INSERT INTO requests_fts (rowid, title, search_terms, description, hub_key, filter_keys)
  SELECT t.id, t.title, t.search_terms, t.description, t.hub_key, t.filter_keys
  FROM requests t WHERE t.title_heads <> '';
INSERT INTO requests_hub_fts (rowid, title, search_terms, description, filter_keys)
  SELECT t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM requests t WHERE t.title_heads <> '';
