<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::table('orders', function (Blueprint $table) {
            $table->renameColumn('note', 'comment');
            $table->string('currency', 3);
            $table->string('code', 20)->change();
            $table->unique('ref');
            $table->foreign('customer_id')->references('id')->on('customers');
        });
        Schema::rename('customers', 'clients');
        Schema::table('invoices', function (Blueprint $table) {
            $table->rename('bills');
        });
    }

    public function down(): void
    {
        Schema::rename('clients', 'customers');
        Schema::table('orders', function (Blueprint $table) {
            $table->dropForeign(['customer_id']);
            $table->dropUnique(['ref']);
            $table->string('code', 255)->change();
            $table->dropColumn('currency');
            $table->renameColumn('comment', 'note');
        });
    }
};
