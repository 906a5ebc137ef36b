/** Why a <wire-scene> shows nothing: the problem in one word, for scripts to branch on. */
export type WireSceneErrorReason = 'unknown-scenario' | 'invalid-scenario' | 'invalid-trace' | 'network';

/**
 * The element's `error`, shaped like HTMLMediaElement's MediaError (`code`, `message`) with
 * MediaError's code numbers, plus `reason` and, for a file, every problem found in it.
 */
export class WireSceneError {
  static readonly MEDIA_ERR_ABORTED = 1;
  static readonly MEDIA_ERR_NETWORK = 2;
  static readonly MEDIA_ERR_DECODE = 3;
  static readonly MEDIA_ERR_SRC_NOT_SUPPORTED = 4;
  readonly code: 1 | 2 | 3 | 4;

  constructor(
    readonly reason: WireSceneErrorReason,
    readonly message: string,
    readonly problems: readonly string[] = [message],
  ) {
    this.code = reason === 'network' ? WireSceneError.MEDIA_ERR_NETWORK : reason === 'invalid-scenario' || reason === 'invalid-trace' ? WireSceneError.MEDIA_ERR_DECODE : WireSceneError.MEDIA_ERR_SRC_NOT_SUPPORTED;
  }
}
