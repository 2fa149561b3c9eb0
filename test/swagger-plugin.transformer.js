// The @nestjs/swagger CLI plugin (nest-cli.json) also runs when jest compiles, so the OpenAPI
// document under test is the one `npm start` serves. Options must match nest-cli.json.
const { before } = require('@nestjs/swagger/plugin');
const nestCli = require('../nest-cli.json');

const options = nestCli.compilerOptions.plugins.find(
  (plugin) => plugin.name === '@nestjs/swagger',
).options;

module.exports = {
  name: 'nestjs-swagger-transformer',
  version: 1,
  factory: (compiler) => before(options, compiler.program),
};
