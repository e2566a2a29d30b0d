// The VS Code client for the icpc language server (`icpc lsp` over stdio).
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { missingServerMessage, resolveServerPath, serverArgs } from './serverPath';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('ICP Language Server', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('icp.restartServer', () => restart()),
    vscode.commands.registerCommand('icp.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('icp.compareWithHead', () => compareWithHead()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('icp.server')) void restart();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration('icp');
  const resolved = resolveServerPath({
    setting: config.get<string>('server.path'),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    env: process.env,
    platform: process.platform,
    homedir: os.homedir(),
  });
  if (!resolved.ok) {
    const message = missingServerMessage(resolved);
    output.appendLine(message);
    output.appendLine(`Looked for: ${resolved.tried.join(', ') || '(nothing: PATH is empty)'}`);
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'icp.server.path');
    } else if (choice === 'Show Output') {
      output.show(true);
    }
    return;
  }

  const args = serverArgs(config.get('server.extraArgs'));
  output.appendLine(`Starting ${resolved.command} ${args.join(' ')}`);
  const executable = { command: resolved.command, args, transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'icp' },
      { scheme: 'untitled', language: 'icp' },
    ],
    outputChannel: output,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{icp.toml,*.icp}'),
    },
  };
  client = new LanguageClient('icp', 'ICP Language Server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = `ICP: the language server (${resolved.command} lsp) failed to start: ${String(err)}`;
    output.appendLine(message);
    client = undefined;
    const choice = await vscode.window.showErrorMessage(message, 'Show Output');
    if (choice === 'Show Output') output.show(true);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (err) {
      output.appendLine(`Stopping the server: ${String(err)}`);
    }
  }
}

async function restart(): Promise<void> {
  output.appendLine('Restarting the server');
  await stop();
  await start();
  if (client) vscode.window.setStatusBarMessage('ICP: server restarted', 3000);
}

interface CompareResult {
  changed: boolean;
  markdown: string;
}

/** The semantic diff of the active .icp buffer (unsaved edits included) against git's HEAD. */
async function compareWithHead(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'icp') {
    void vscode.window.showWarningMessage('Open an .icp file to compare it with HEAD.');
    return;
  }
  if (!client) {
    void vscode.window.showErrorMessage('The icpc language server is not running.');
    return;
  }
  try {
    const result = await client.sendRequest<CompareResult>('icp/compareWithHead', {
      textDocument: { uri: editor.document.uri.toString() },
    });
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: result.markdown,
    });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  } catch (e) {
    void vscode.window.showErrorMessage(`Compare with HEAD: ${e instanceof Error ? e.message : String(e)}`);
  }
}
