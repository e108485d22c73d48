-- What is counted in sheets is found as a sheet: a row whose unit is `sheets` is indexed with
-- "plaat" (the name of the sheet group: plaat, platen, plaque, panneau, sheet, panel, plate)
-- after its category's names and its title's compound heads (migration 0065). Before, "plaques de
-- polycarbonate" found the demo's "Polycarbonate offcuts 4 mm" only by leaving "plaques" out
-- (`wordsApart`), while its card said "9 plaques". `UNIT_TERMS` in src/shared/search-terms.ts;
-- `npm run search-terms:sql` prints the column; test/integration/search.heads.test.ts holds it to
-- `searchTermsOf`.
--
-- The terms now follow the unit, so every trigger that indexes them also fires on a change of
-- `unit` (an index entry deleted with other terms than it was written with would be left behind
-- in the contentless indexes). As in 0065: the rows whose terms change (their unit is sheets) are
-- taken out of each index with the terms they were indexed with, the column is made again, the
-- triggers are made again (each as it was, with `unit` among the columns it fires on), and the
-- same rows are indexed with their new terms.

-- Out of every index, with the terms they were indexed with: the rows whose terms change.
INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, search_terms, description, filter_keys)
  SELECT 'delete', instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE t.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE t.category END || ',') * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.unit = 'sheets';
INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, search_terms, description, filter_keys)
  SELECT 'delete', 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE t.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE t.category END || ',') * 9007199254740992 + t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.unit = 'sheets';
INSERT INTO listings_fts (listings_fts, rowid, title, search_terms, description, hub_key, filter_keys)
  SELECT 'delete', t.id, t.title, t.search_terms, t.description, t.hub_key, t.filter_keys
  FROM listings t WHERE t.unit = 'sheets';
INSERT INTO listings_hub_fts (listings_hub_fts, rowid, title, search_terms, description, filter_keys)
  SELECT 'delete', t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.unit = 'sheets';
INSERT INTO requests_fts (requests_fts, rowid, title, search_terms, description, hub_key, filter_keys)
  SELECT 'delete', t.id, t.title, t.search_terms, t.description, t.hub_key, t.filter_keys
  FROM requests t WHERE t.unit = 'sheets';
INSERT INTO requests_hub_fts (requests_hub_fts, rowid, title, search_terms, description, filter_keys)
  SELECT 'delete', t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM requests t WHERE t.unit = 'sheets';

-- The column again, with the unit's names; the triggers that name it, also on a change of unit.
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
  END) || title_heads || CASE unit WHEN 'sheets' THEN ' plaat' ELSE '' END
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
  END) || title_heads || CASE unit WHEN 'sheets' THEN ' plaat' ELSE '' END
) VIRTUAL;
CREATE TRIGGER listings_cat_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_cat_fts (rowid, title, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER listings_cat_fts_update
AFTER UPDATE OF title, description, category, kind, condition, price_type, length_mm, width_mm, unit ON listings BEGIN
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
AFTER UPDATE OF title, description, category, hub_id, kind, condition, price_type, length_mm, width_mm, unit ON listings BEGIN
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
AFTER UPDATE OF title, description, category, hub_id, kind, condition, price_type, length_mm, width_mm, unit ON listings BEGIN
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
AFTER UPDATE OF title, description, category, hub_id, kind, condition, price_type, length_mm, width_mm, unit ON listings BEGIN
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
CREATE TRIGGER requests_fts_update AFTER UPDATE OF title, description, category, hub_id, unit ON requests BEGIN
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
CREATE TRIGGER requests_hub_fts_update AFTER UPDATE OF title, description, category, hub_id, unit ON requests BEGIN
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
  FROM listings t WHERE t.unit = 'sheets';
INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
  SELECT 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE t.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE t.category END || ',') * 9007199254740992 + t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.unit = 'sheets';
INSERT INTO listings_fts (rowid, title, search_terms, description, hub_key, filter_keys)
  SELECT t.id, t.title, t.search_terms, t.description, t.hub_key, t.filter_keys
  FROM listings t WHERE t.unit = 'sheets';
INSERT INTO listings_hub_fts (rowid, title, search_terms, description, filter_keys)
  SELECT t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM listings t WHERE t.unit = 'sheets';
INSERT INTO requests_fts (rowid, title, search_terms, description, hub_key, filter_keys)
  SELECT t.id, t.title, t.search_terms, t.description, t.hub_key, t.filter_keys
  FROM requests t WHERE t.unit = 'sheets';
INSERT INTO requests_hub_fts (rowid, title, search_terms, description, filter_keys)
  SELECT t.hub_id * 8589934592 + 8589934591 - t.id, t.title, t.search_terms, t.description, t.filter_keys
  FROM requests t WHERE t.unit = 'sheets';
