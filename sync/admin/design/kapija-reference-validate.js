function (newDoc, oldDoc, userCtx, secObj) {
  /* SPDX-License-Identifier: GPL-3.0-or-later */
  /* The validate_doc_update of _design/kapija in kapija-reference: forms,
   * code lists, services, interpreters and stations are read by every
   * laptop and written only by the national administrators. */
  var roles = (userCtx && userCtx.roles) ? userCtx.roles : [];

  if (roles.indexOf ("_admin") !== -1 || roles.indexOf ("kapija_admin") !== -1)
    return;

  throw ({ forbidden: "The reference database is read-only: only a national administrator can change it." });
}
