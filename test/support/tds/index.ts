/** The local SQL Server stand-in moved to emulator/sql-server (it ships with the emulator); tests may import it from here. */
export * from "../../../emulator/sql-server";
