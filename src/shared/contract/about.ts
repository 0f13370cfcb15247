/** What Help, About shows, and where this desk keeps its data and logs. */
export interface AboutInfo {
  productName: string;
  version: string;
  /** The data folder (database, settings, exports) on the computer that runs the desk. */
  dataDir: string;
  /** Its logs folder. */
  logsDir: string;
}
