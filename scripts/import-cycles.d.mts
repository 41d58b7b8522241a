export declare function codeFiles(base: string, dirs?: string[]): string[];
export declare function findImportCycles(base: string, files: string[]): string[][];
