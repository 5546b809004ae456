// carta serve [--host H] [--port P] [--db FILE] [--allow-host NAME]... [--team] [--max-upload BYTES] [--open]
// carta serve token add --reviewer NAME [--role reviewer|resolver|admin] [--expires DAYS]
// carta serve token list [--format table|json|csv]
// carta serve token revoke ID|REVIEWER
#include <pthread.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "carta/api/team.h"
#include "carta/api/text.h"
#include "carta/server/server.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

namespace {

// --max-upload's ceiling: 16 GiB (the upload is written to a temporary file).
constexpr size_t kMaxUploadBytes = size_t{16} << 30;

int RunTokenAdd(const std::string& db_path, const std::string& reviewer, const std::string& role, int days) {
  auto token = server::AddToken(db_path, reviewer, role, days);
  if (!token.ok()) return FailOption(token.status());
  std::cerr << "carta: token " << token->id << " for " << reviewer << " (" << role << "), "
            << (days == 0 ? std::string("valid until revoked") : "valid for " + std::to_string(days) + " days")
            << "; it is shown only this once and stored hashed. Send it as 'Authorization: Bearer TOKEN'.\n";
  std::cout << token->token << "\n";
  return 0;
}

int RunTokenList(const std::string& db_path, const std::string& format) {
  auto tokens = server::ListTokens(db_path);
  if (!tokens.ok()) return Fail(tokens.status());
  Print(api::TokenListing(*tokens), ParseFormat(format), std::cout);
  return 0;
}

int RunTokenRevoke(const std::string& db_path, const std::string& who) {
  auto n = server::RevokeTokens(db_path, who);
  if (!n.ok()) return Fail(n.status());
  std::cerr << "carta: revoked " << *n << (*n == 1 ? " token" : " tokens") << "\n";
  return 0;
}

}  // namespace

int RunServe(int argc, char** argv) {
  CLI::App app("Serves the project as a JSON API and a page (doc/api.md): loopback only unless --team.", "serve");
  server::Options o;
  bool open_browser = false;
  AddDbOption(app, &o.db_path);
  app.add_option("--host", o.host, "the address to bind (127.0.0.1; another address needs --team)");
  app.add_option("--port", o.port, "the port (8080; 0 picks a free one)")->check(CLI::Range(0, 65535));
  app.add_option("--allow-host", o.allow_hosts, "a Host name browsers may use besides localhost (repeatable)");
  app.add_flag("--team", o.team, "team mode: every job needs a token too, and a non-loopback --host is allowed");
  app.add_option("--threads", o.threads, "request threads (0: the machine's thread budget)");
  app.add_option("--data", o.data_dir, "the data folder whose report inputs POST /api/report reads (none by default)");
  app.add_option("--max-upload", o.max_upload_bytes,
                 "the largest upload (POST /api/lit/import) in bytes as sent, 1048576 (the bound of every other body) "
                 "to 16 GiB; what it decompresses to may be 4 times as much, at least 256 MiB (default 67108864, 64 MiB)")
      ->check(CLI::Range(o.max_body_bytes, kMaxUploadBytes));
  app.add_flag("--open", open_browser, "open the page in the default browser (xdg-open)");
  auto* token = app.add_subcommand("token", "access tokens for reviewers")->require_subcommand(1);
  auto* add = token->add_subcommand("add", "create a token for a reviewer; prints it once, stores its SHA-256");
  std::string reviewer, role = "reviewer";
  add->add_option("--reviewer", reviewer, "the reviewer's name (it identifies every decision they send)")->required();
  add->add_option("--role", role, "reviewer, resolver (settles conflicts) or admin (sets stage modes)")
      ->check(CLI::IsMember({"reviewer", "resolver", "admin"}));
  int days = 0;
  add->add_option("--expires", days, "days the token is valid (0: until revoked)")
      ->check(CLI::Range(0, server::kMaxTokenDays));
  auto* list = token->add_subcommand("list", "the stored tokens: id, reviewer, role, created, expires, revoked");
  std::string format = "table";
  AddFormatOption(*list, &format);
  auto* revoke = token->add_subcommand(
      "revoke", "refuse a token from now on: by its id (from 'token list'), or every token of a reviewer");
  std::string who;
  revoke->add_option("who", who, "a token's id or a reviewer's name")->required();
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  if (add->parsed()) return RunTokenAdd(o.db_path, reviewer, role, days);
  if (list->parsed()) return RunTokenList(o.db_path, format);
  if (revoke->parsed()) return RunTokenRevoke(o.db_path, who);
  o.preload_records = true;
  o.max_upload_decompressed_bytes = std::max(o.max_upload_decompressed_bytes, 4 * o.max_upload_bytes);
  auto created = server::App::Create(o);
  if (!created.ok()) return FailOption(created.status());
  // SIGINT and SIGTERM are taken by sigwait below, in every thread (the mask is inherited).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  auto port = (*created)->Start();
  if (!port.ok()) return Fail(port.status());
  const std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  const std::string url = "http://" + host + ":" + std::to_string(*port) + "/";
  std::cout << url << std::endl;
  if (open_browser) {
    const std::string command = "xdg-open '" + url + "' >/dev/null 2>&1 &";
    if (std::system(command.c_str()) != 0) std::cerr << "carta: could not open a browser; open " << url << "\n";
  }
  int signal = 0;
  sigwait(&stop_signals, &signal);
  (*created)->Stop();
  std::cerr << "carta: stopped\n";
  return 0;
}

}  // namespace carta::cli
