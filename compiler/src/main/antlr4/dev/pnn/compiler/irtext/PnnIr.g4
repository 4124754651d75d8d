// The readable text form of pnn IR (`pnn compile --emit ir`). Printed by IrText.print, read back by IrText.parse;
// print(parse(print(p))) == print(p) and parse(print(p)) equals p.
grammar PnnIr;

program   : decl* EOF ;
decl      : graph | hardware | plan ;

graph     : 'graph' name 'output' name loc? '{' node* '}' ;
node      : 'node' name '=' name '(' ( name ( ',' name )* )? ')' ':' type
            ( 'attrs' '{' ( pair ( ',' pair )* )? '}' )?
            param*
            loc? ';' ;
type      : name '[' INT ']' ( 'complex' | 'noncomplex' )? ;
param     : 'param' name 'offset' INT 'length' INT 'shape' '[' ( INT ( ',' INT )* )? ']'
            ( 'unit' unit )? 'lower' number 'upper' number 'periodic'? 'init' init ;
init      : 'uniform' '(' number ',' number ')'
          | 'normal' '(' number ',' number ')'
          | 'constant' '(' number ')'
          | 'none'
          ;

hardware  : 'hardware' name '=' name loc? '{' setting* '}' ;
plan      : 'plan' name 'network' name loc? '{' ( setting | planLoc )* '}' ;
setting   : name '=' value loc? ';' ;
planLoc   : 'loc' name loc ';' ;

loc       : '@' STRING ':' signedInt ':' signedInt ;

value     : number unit?                                   # numValue
          | STRING                                         # strValue
          | 'true'                                         # trueValue
          | 'false'                                        # falseValue
          | signedInt '..' signedInt                       # rangeValue
          | '[' ( value ( ',' value )* )? ']'              # listValue
          | name '(' args? ')'                             # callValue
          | '-' '(' value ')'                              # negValue
          | '(' value ( OPERATOR value )+ ')'              # opValue
          | '(' value ( '-' value )+ ')'                   # minusValue
          | name                                           # symValue
          ;
args      : value ( ',' value )* ( ',' pair )*
          | pair ( ',' pair )*
          ;
pair      : name ':' value ;

number    : '-'? ( INT | DECIMAL | 'inf' ) | 'nan' ;
signedInt : '-'? INT ;
unit      : name | '%' ;

// Keywords double as names wherever a name is expected; quoted names hold anything else.
name      : ID | QUOTED
          | 'graph' | 'output' | 'node' | 'attrs' | 'complex' | 'noncomplex' | 'param' | 'offset' | 'length'
          | 'shape' | 'unit' | 'lower' | 'upper' | 'periodic' | 'init' | 'uniform' | 'normal' | 'constant'
          | 'none' | 'hardware' | 'plan' | 'network' | 'loc' ;

OPERATOR  : '+' | '*' | '/' | '^' ;
INT       : [0-9]+ ;
DECIMAL   : [0-9]+ ( '.' [0-9]+ )? [eE] [+-]? [0-9]+ | [0-9]+ '.' [0-9]+ ;
ID        : [A-Za-z_] [A-Za-z0-9_]* ( [./#-] [A-Za-z0-9_]+ )* ;
QUOTED    : '`' ( ~[`\\\r\n] | '\\' . )* '`' ;
STRING    : '"' ( ~["\\\r\n] | '\\' . )* '"' ;
COMMENT   : '//' ~[\r\n]* -> skip ;
WS        : [ \t\r\n]+ -> skip ;
