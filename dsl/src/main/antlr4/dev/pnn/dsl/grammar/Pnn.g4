// The .pnn language: networks of physical blocks, hardware profiles, training plans.
// Keywords are reserved only where a statement starts; argument names and setting keys may reuse them
// (`digits8x8(train: 80%)`), hence the `key` rule.
grammar Pnn;

file        : item* EOF ;
item        : useDecl | networkDecl | hardwareDecl | trainDecl ;

useDecl     : USE ID ';' ;

networkDecl : NETWORK ID '{' netStmt* '}' ;
netStmt     : INPUT ID ':' typeRef ';'                     # inputStmt
            | OUTPUT ID '=' expr ';'                       # outputAssignStmt
            | OUTPUT ID ';'                                # outputRefStmt
            | ID '=' expr ';'                              # assignStmt
            ;
typeRef     : ID '[' NUMBER ']' ;

hardwareDecl: HARDWARE ID '=' ID ( ';' | '{' setting* '}' ) ;
trainDecl   : TRAIN ID ( AS ID )? '{' setting* '}' ;
setting     : key '=' expr ';' ;

// Operator precedence, tightest first: ^ (right-assoc), unary minus, * /, + -.
expr        : <assoc=right> expr '^' expr                  # powExpr
            | '-' expr                                     # negExpr
            | expr op=( '*' | '/' ) expr                   # mulExpr
            | expr op=( '+' | '-' ) expr                   # addExpr
            | primary                                      # primaryExpr
            ;
primary     : NUMBER '..' NUMBER                           # rangeLit
            | NUMBER unit?                                 # numberLit
            | STRING                                       # stringLit
            | ( TRUE | FALSE )                             # boolLit
            | ID '(' ( arg ( ',' arg )* ','? )? ')'        # callExpr
            | ID                                           # nameRef
            | '[' ( expr ( ',' expr )* ','? )? ']'         # listLit
            | '(' expr ')'                                 # parenExpr
            ;
unit        : ID | '%' ;
arg         : key ':' expr                                 # namedArg
            | expr                                         # positionalArg
            ;
key         : ID | USE | NETWORK | INPUT | OUTPUT | HARDWARE | TRAIN | AS ;

USE      : 'use' ;
NETWORK  : 'network' ;
INPUT    : 'input' ;
OUTPUT   : 'output' ;
HARDWARE : 'hardware' ;
TRAIN    : 'train' ;
AS       : 'as' ;
TRUE     : 'true' ;
FALSE    : 'false' ;

NUMBER   : DIGIT+ ( '.' DIGIT+ )? EXPONENT?
         | '.' DIGIT+ EXPONENT?
         ;
fragment DIGIT    : [0-9] ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;

ID       : [A-Za-z_] [A-Za-z0-9_]* ;
STRING   : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n\f]+ -> skip ;

// Error tokens: the lexer never fails; the parser facade reports these and hides them from the parser.
// Cannot contain '*/', so it only wins when the comment really runs to the end of the file.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
UNTERMINATED_STRING  : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* ;
BAD_CHAR             : . ;
