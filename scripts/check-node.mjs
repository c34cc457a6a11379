// Runs before install, start and test: fail at once, naming the version, rather than deep inside a tool.
const required = [22, 12];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < required[0] || (major === required[0] && minor < required[1])) {
  console.error(
    `Tandem needs Node.js >= ${required.join('.')} (Node 24 LTS recommended); this is Node ${process.versions.node}.\n` +
      'Install a newer Node (see .nvmrc) and run the command again.',
  );
  process.exit(1);
}
