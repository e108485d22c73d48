-- Search finds what people mean: a listing or request is indexed with the names of its category
-- (and the categories above it) in nl, fr and en with their trade names and synonyms, beside its
-- title and description. The names come from src/shared/search-terms.ts as the CASE below
-- (`npm run search-terms:sql` prints it); test/integration/search.terms.test.ts checks the two
-- agree, so names changed there without a migration fail the tests.
ALTER TABLE listings ADD COLUMN search_terms TEXT GENERATED ALWAYS AS (
  CASE category
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
  END
) VIRTUAL;
ALTER TABLE requests ADD COLUMN search_terms TEXT GENERATED ALWAYS AS (
  CASE category
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
  END
) VIRTUAL;

-- The index gets a middle column for those names; relevance weighs title, names, description.
DROP TRIGGER listings_fts_insert;
DROP TRIGGER listings_fts_update;
DROP TABLE listings_fts;
CREATE VIRTUAL TABLE listings_fts USING fts5 (
  title, search_terms, description, content = 'listings', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_fts (rowid, title, search_terms, description)
    VALUES (new.id, new.title, new.search_terms, new.description);
END;
CREATE TRIGGER listings_fts_update AFTER UPDATE OF title, description, category ON listings BEGIN
  INSERT INTO listings_fts (listings_fts, rowid, title, search_terms, description)
    VALUES ('delete', old.id, old.title, old.search_terms, old.description);
  INSERT INTO listings_fts (rowid, title, search_terms, description)
    VALUES (new.id, new.title, new.search_terms, new.description);
END;
INSERT INTO listings_fts (listings_fts) VALUES ('rebuild');

DROP TRIGGER requests_fts_insert;
DROP TRIGGER requests_fts_update;
DROP TABLE requests_fts;
CREATE VIRTUAL TABLE requests_fts USING fts5 (
  title, search_terms, description, content = 'requests', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_fts (rowid, title, search_terms, description)
    VALUES (new.id, new.title, new.search_terms, new.description);
END;
CREATE TRIGGER requests_fts_update AFTER UPDATE OF title, description, category ON requests BEGIN
  INSERT INTO requests_fts (requests_fts, rowid, title, search_terms, description)
    VALUES ('delete', old.id, old.title, old.search_terms, old.description);
  INSERT INTO requests_fts (rowid, title, search_terms, description)
    VALUES (new.id, new.title, new.search_terms, new.description);
END;
INSERT INTO requests_fts (requests_fts) VALUES ('rebuild');
