"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
class Old1500000000000 {
    up(queryRunner) {
        return __awaiter(this, void 0, void 0, function* () {
            yield queryRunner.query(`ALTER TABLE "x" ADD "y" integer`);
        });
    }
    down(queryRunner) {
        return __awaiter(this, void 0, void 0, function* () {
        });
    }
}
exports.Old1500000000000 = Old1500000000000;
