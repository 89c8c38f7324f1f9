import { loadLuaScript } from '../redis/lua-script.js';

const withAdvance = ['advance-queue'];
const readQueue = ['advance-queue', 'read-queue'];
const lua = (name: string, libs?: string[]) => loadLuaScript(new URL('./lua/', import.meta.url), name, libs);

/** The admission queue's Lua scripts (`lua/*.lua`), each with the shared preludes it uses. */
export const admissionScripts = {
  configure: lua('configure'),
  setFlags: lua('set-flags', withAdvance),
  join: lua('join', withAdvance),
  advance: lua('advance', readQueue),
  peek: lua('peek', readQueue),
  admit: lua('admit', withAdvance),
  complete: lua('complete'),
  prequeueMembers: lua('prequeue-members'),
  stageDraw: lua('stage-draw'),
  draw: lua('draw'),
  restore: lua('restore'),
  reserve: lua('reserve'),
};
