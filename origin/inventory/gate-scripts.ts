import { loadLuaScript } from '../redis/lua-script.js';

const lua = (name: string, libs?: string[]) => loadLuaScript(new URL('./lua/', import.meta.url), name, libs);

/** The inventory gate's Lua scripts (`lua/*.lua`), each with the shared preludes it uses. */
export const inventoryScripts = {
  isLoaded: lua('is-loaded'),
  stageLoad: lua('stage-load'),
  load: lua('load'),
  reserve: lua('reserve', ['release-reservation', 'expire-provisional', 'decide']),
  release: lua('release', ['release-reservation']),
  expire: lua('expire', ['release-reservation', 'expire-provisional']),
  hold: lua('hold'),
  availability: lua('availability'),
  reservations: lua('reservations'),
};
