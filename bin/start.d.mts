// Types of the launcher's exports, for the TypeScript that imports them (bench/startup.ts).
export declare function serverSourceHash(): string
export declare function ensureServerBuild(): Promise<string>
