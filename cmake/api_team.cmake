# api's encoders of team screening (carta/api/team.h); the edge api -> lit
# exists already (cmake/api_lit.cmake). The server is their only front end;
# their tests are in the server's list.
target_sources(carta_api PRIVATE src/api/team_json.cc)
