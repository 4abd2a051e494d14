/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-expr.h"

G_BEGIN_DECLS

typedef enum
{
  KAP_EXPR_NODE_LITERAL,
  KAP_EXPR_NODE_FIELD,
  KAP_EXPR_NODE_OR,          /* n-ary: a chain of "or" is one node */
  KAP_EXPR_NODE_AND,         /* n-ary */
  KAP_EXPR_NODE_NOT,
  KAP_EXPR_NODE_EQ,
  KAP_EXPR_NODE_NE,
  KAP_EXPR_NODE_LT,
  KAP_EXPR_NODE_LE,
  KAP_EXPR_NODE_GT,
  KAP_EXPR_NODE_GE,
  KAP_EXPR_NODE_ADD,
  KAP_EXPR_NODE_SUB,
  KAP_EXPR_NODE_MUL,
  KAP_EXPR_NODE_DIV,
  KAP_EXPR_NODE_MOD,
  KAP_EXPR_NODE_NEG,
  KAP_EXPR_NODE_CALL,
} KapExprNodeKind;

/* Bit masks of KapValueType, for the function table. */
#define KAP_EXPR_TYPE_BIT(t)   (1u << (t))
#define KAP_EXPR_TYPES_SCALAR  (KAP_EXPR_TYPE_BIT (KAP_VALUE_BOOLEAN) | \
                                KAP_EXPR_TYPE_BIT (KAP_VALUE_NUMBER) | \
                                KAP_EXPR_TYPE_BIT (KAP_VALUE_STRING) | \
                                KAP_EXPR_TYPE_BIT (KAP_VALUE_DATE))
#define KAP_EXPR_TYPES_ANY     (KAP_EXPR_TYPES_SCALAR | KAP_EXPR_TYPE_BIT (KAP_VALUE_LIST))

typedef enum
{
  KAP_EXPR_ARG_FIELD   = 1 << 0,   /* must be a field name or "." */
  KAP_EXPR_ARG_LITERAL = 1 << 1,   /* must be a string literal */
} KapExprArgFlags;

typedef struct
{
  guint            types;      /* KAP_EXPR_TYPE_BIT mask; null always fits */
  KapExprArgFlags  flags;
  const char      *expected;   /* N_(), for "must be %s" */
} KapExprArg;

typedef enum
{
  KAP_EXPR_RESULT_FIXED,       /* result_type */
  KAP_EXPR_RESULT_UNIFY,       /* the common type of the arguments from unify_from on */
} KapExprResult;

typedef struct _KapExprNode KapExprNode;
typedef struct _KapExprEval KapExprEval;

typedef struct
{
  const char     *name;
  guint           min_args;
  guint           max_args;    /* G_MAXUINT: any number */
  /* One spec per argument; the last one repeats for further arguments. */
  KapExprArg      args[3];
  guint           n_arg_specs;
  KapExprResult   result;
  KapValueType    result_type;
  guint           unify_from;
  /* Evaluates the arguments it needs itself, so if() and coalesce() can
   * skip the others. */
  KapValue     *(*evaluate) (const KapExprNode *node,
                             KapExprEval       *eval);
} KapExprFunction;

struct _KapExprNode
{
  KapExprNodeKind         kind;
  guint                   column;     /* 1-based, in characters */
  guint                   depth;      /* 0 for a leaf */
  KapValue               *value;      /* LITERAL */
  char                   *name;       /* FIELD ("." for the field itself) */
  const KapExprFunction  *function;   /* CALL */
  GRegex                 *regex;      /* CALL of regex() */
  KapExprNode           **children;
  guint                   n_children;
};

const KapExprFunction *kap_expr_function_lookup  (const char        *name);
const KapExprArg      *kap_expr_function_get_arg (const KapExprFunction *function,
                                                  guint              index);

KapValue              *kap_expr_node_evaluate    (const KapExprNode *node,
                                                  const KapExprContext *context);
/* The parsed tree, for the tests. */
const KapExprNode     *kap_expr_get_root         (KapExpr           *self);

/* Shared by the parts of kap-expr (kap-expr.c, -lex, -parse, -check,
 * -print). */

struct _KapExpr
{
  KapExprNode  *root;
  char        **fields;
  gboolean      uses_self;
};

void                   kap_expr_set_error        (GError           **error,
                                                  KapExprError       code,
                                                  const char        *format,
                                                  ...) G_GNUC_PRINTF (3, 4);
const char            *kap_expr_type_name        (KapValueType       type);
const char            *kap_expr_operator_text    (KapExprNodeKind    kind);
void                   kap_expr_node_free        (KapExprNode       *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapExprNode, kap_expr_node_free)

G_END_DECLS
