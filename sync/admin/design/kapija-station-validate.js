function (newDoc, oldDoc, userCtx, secObj) {
  /* SPDX-License-Identifier: GPL-3.0-or-later */
  /* The validate_doc_update of _design/kapija in a station's database
   * (DESIGN.md, Sync). kapija-cli server-setup installs one copy per
   * database with the placeholder below replaced by the station’s code, so the
   * function knows which station it guards without reading anything.
   * Administrators (the server's and kapija_admin) are not checked: they
   * repair data. The reasons reach the supervisor's list of rejected
   * records, so they say what is wrong in plain words. */
  var station = "@STATION@";
  var types = ["person", "screening", "return_interest", "referral", "interpreter_session"];
  var roles = (userCtx && userCtx.roles) ? userCtx.roles : [];

  function has (role) {
    return roles.indexOf (role) !== -1;
  }

  function refuse (reason) {
    throw ({ forbidden: reason });
  }

  if (has ("_admin") || has ("kapija_admin"))
    return;

  var supervisor = has ("kapija_supervisor");
  var existed = oldDoc && !oldDoc._deleted;

  if (newDoc._deleted) {
    /* A tombstone of a record the server never had deletes nothing. */
    if (existed && !supervisor)
      refuse ("Only a supervisor can delete a record.");
    return;
  }

  if (types.indexOf (newDoc.type) === -1)
    refuse ("Unknown record type \"" + newDoc.type + "\": this database keeps only " +
            types.join (", ") + ".");

  if (newDoc.station !== station)
    refuse ("This record belongs to station \"" + newDoc.station + "\", not to station \"" +
            station + "\" of this database.");

  if (existed && (newDoc.created_by !== oldDoc.created_by ||
                  newDoc.created_at !== oldDoc.created_at))
    refuse ("Who created a record and when cannot change.");

  if (newDoc.status === "reviewed" && !supervisor &&
      !(existed && oldDoc.status === "reviewed"))
    refuse ("Only a supervisor can mark a record as reviewed.");
}
