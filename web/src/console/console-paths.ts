/** The console's page paths, built in one place so ids are always encoded. */
export const consolePaths = {
  drops: '/console',
  newDrop: '/console/events/new',
  drop: (eventId: string) => `/console/events/${encodeURIComponent(eventId)}`,
  channels: '/console/channels',
  channel: (channelId: string) => `/console/channels/${encodeURIComponent(channelId)}`,
};
