/** A host's box on the stage: its name and the lines under it (addresses, role). */
export interface NodeLabels {
  title: string;
  lines: string[];
}

/**
 * What the stage says, decided by the model from the trace and read by every renderer (the
 * page's canvas, the element, the exporter): host labels, the time-scale note, the link's caption.
 */
export interface SceneLabels {
  client: NodeLabels;
  server: NodeLabels;
  /** Present when the scenario has a DNS resolver: the stage makes room for it. */
  resolver?: NodeLabels;
  /** Under the chapter title: how network time is slowed down. */
  scaleNote: string;
  linkCaption: string;
}
