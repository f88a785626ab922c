/**
 * pulumi-language-nodejs for machines where the official one cannot be had (here: the Go module proxy refuses
 * github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs). The Pulumi CLI starts it as a plugin:
 *
 *   pulumi-language-nodejs [--tracing URL] [--logtostderr] [-v=N] [--version] <engine address>
 *
 * It serves the LanguageRuntime gRPC service on a free local port and writes that port on the first line of
 * stdout, as plugins must; everything else it or the programs it runs print goes to stdout/stderr, which the CLI
 * shows. It stops when the CLI closes it, or when the CLI goes away without doing so.
 *
 * Not part of the published package; scripts/ensure-pulumi.sh builds it and puts it next to the CLI only when no
 * official language host is found.
 */
import { createLanguageHost } from "./host";
import { loadSdk, takeBuildInfo } from "./sdk";

interface Arguments {
  engineAddress?: string;
  tracing?: string;
  verbose: boolean;
  version: boolean;
}

/** Go-style flags as the CLI passes them (`-flag`, `--flag`, `-flag=value`, `-flag value`); the last positional is the engine. */
export function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { verbose: false, version: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("-")) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.replace(/^--?/, "").split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "tracing":
        parsed.tracing = value();
        break;
      case "root":
      case "runtime":
        value(); // accepted for compatibility; this host runs Node.js only
        break;
      case "v":
        parsed.verbose = Number(inline ?? "1") > 0;
        break;
      case "version":
        parsed.version = true;
        break;
      default:
        // --logtostderr, --logflow and flags of newer CLIs: no value, nothing to do.
        break;
    }
  }
  if (positional.length > 0) parsed.engineAddress = positional[positional.length - 1];
  return parsed;
}

function main(): void {
  const args = parseArguments(process.argv.slice(2));
  const build = takeBuildInfo();
  if (args.version) {
    process.stdout.write(`${build.version}\n`);
    return;
  }
  const log = (line: string) => {
    if (args.verbose) process.stderr.write(`pulumi-language-nodejs: ${line}\n`);
  };
  // The CLI starts the host in the program's folder: serve with the @pulumi/pulumi the program uses.
  const sdk = loadSdk([process.cwd(), build.fallbackSdk]);
  log(`serving with the protocol stubs of @pulumi/pulumi ${sdk.version} at ${sdk.dir}`);

  const server = new sdk.grpc.Server({
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
  });
  server.addService(
    sdk.service,
    createLanguageHost({ sdk, version: build.version, engineAddress: args.engineAddress, tracing: args.tracing, log }),
  );
  server.bindAsync("127.0.0.1:0", sdk.grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) {
      process.stderr.write(`pulumi-language-nodejs: could not start the gRPC server: ${error.message}\n`);
      process.exit(1);
    }
    // The one line the CLI reads to find us.
    process.stdout.write(`${port}\n`);
  });

  // The CLI kills its plugins when it is done; if it dies first (SIGKILL, a CI runner's timeout), we are
  // re-parented and go too, instead of lingering.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000).unref();
  const shutdown = () => server.tryShutdown(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

if (require.main === module) main();
