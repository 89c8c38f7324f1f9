/** A channel the origin serves: the simulated ones on the local stack, IVS channels in AWS. */
export interface ChannelConfig {
  id: string;
  title: string;
  /** Private channels play only with a playback token (IVS: an ES384 JWT per viewer). */
  private: boolean;
  /** The drop sold on this channel. */
  eventId?: string;
  thumbnailUrl?: string;
  /** The IVS channel behind this one (`arn:aws:ivs:<region>:<account>:channel/<id>`); IVS adapter only. */
  ivsChannelArn?: string;
}
