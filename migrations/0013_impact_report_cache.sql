-- A network's dashboard report, kept with the version of everything it was computed from (the
-- last ledger row and impact row, the network, its method and its hubs). A view whose version
-- still matches is answered from here without reading the ledger; any new flow, impact,
-- recalculation, method change or hub change makes the next view compute it afresh.
CREATE TABLE impact_report_cache (
  network_id INTEGER NOT NULL REFERENCES networks (id),
  -- The report's query (period, grouping) as canonical JSON.
  query TEXT NOT NULL,
  version TEXT NOT NULL,
  report TEXT NOT NULL CHECK (json_valid(report)),
  computed_at TEXT NOT NULL,
  PRIMARY KEY (network_id, query)
);
