<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        $this->dropForeignKeys();
        $this->addForeignKeys('cascade');
        Schema::table('orders', function (Blueprint $table) {
            $table->foreign('product_id')->references('id')->on('products');
        });
    }

    public function down(): void
    {
        $this->dropForeignKeys();
        $this->addForeignKeys('set null');
    }

    private function dropForeignKeys(): void
    {
        DB::statement("ALTER TABLE `servers` DROP FOREIGN KEY IF EXISTS `servers_product_id_foreign`");
    }

    private function addForeignKeys(string $onDelete): void
    {
        Schema::table('servers', function (Blueprint $table) use ($onDelete) {
            $table->foreign('product_id')->references('id')->on('products')->onDelete($onDelete);
        });
    }
};
