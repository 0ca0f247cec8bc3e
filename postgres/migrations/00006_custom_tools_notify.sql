-- An org's custom AI tools (00005) take part in detection: ingest classifies a sighting on a custom
-- tool's pages as that tool, and the extension watches the ones the org has not decided on yet. So
-- a custom tool added, changed or deleted reloads the org's config, as an ai_tools row does.
create trigger shadow_ai_custom_tools_config_change after insert or update or delete on shadow_ai_custom_tools
  for each row execute function notify_config_change();
