export interface TopicDef {
  key: string;
  name: string;
  description?: string;
  guidelines?: string;
  hotkey: string;
}

export interface StanceTargetDef {
  key: string;
  name: string;
  description?: string;
  guidelines?: string;
  /** Other names the target goes by in corpora (e.g. "Covid Vaccine", "الجزائر"). */
  aliases: string[];
}

export interface StanceValueDef {
  key: string;
  name: string;
  description?: string;
  hotkey: string;
  aliases: string[];
}

export interface Codebook {
  name: string;
  description?: string;
  multiLabel: boolean;
  topics: TopicDef[];
  targets: StanceTargetDef[];
  values: StanceValueDef[];
}

/** A codebook as stored: with its version number. */
export interface CodebookVersionInfo extends Codebook {
  version: number;
  createdAt: Date;
}
