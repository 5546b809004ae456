// The subcommands of `carta`: each lives in its own cmd_<name>.cc.
#ifndef CARTA_TOOLS_COMMANDS_H_
#define CARTA_TOOLS_COMMANDS_H_

namespace carta::cli {

// Each takes the arguments after the subcommand name (argv[0] is the
// subcommand's name) and returns the process exit code.
int RunDb(int argc, char** argv);
int RunProducts(int argc, char** argv);
int RunStudies(int argc, char** argv);
int RunShow(int argc, char** argv);
int RunCheck(int argc, char** argv);
int RunGenerations(int argc, char** argv);
int RunMeta(int argc, char** argv);
int RunTox(int argc, char** argv);
int RunSurv(int argc, char** argv);
int RunReport(int argc, char** argv);
int RunLit(int argc, char** argv);
int RunRegistry(int argc, char** argv);
int RunExtract(int argc, char** argv);
int RunUpdate(int argc, char** argv);
int RunServe(int argc, char** argv);
int RunSim(int argc, char** argv);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_COMMANDS_H_
