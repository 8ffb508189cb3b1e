<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::create('invoices', function (Blueprint $table) {
            $table->id();
            $table->string('number')->unique();
        });
        Schema::table('orders', function (Blueprint $table) {
            $table->string('currency', 3)->default('EUR');
            $table->string('note')->nullable();
            $table->timestamps();
            $table->foreignId('invoice_id')->nullable();
            $table->foreign('invoice_id')->references('id')->on('invoices');
            $table->string('label', 500)->change();
            $table->dropForeign(['customer_id']);
            $table->foreign('customer_id')->references('id')->on('customers')->cascadeOnDelete();
        });
        Schema::table('budgets', function (Blueprint $table) {
            $table->integer('limit_id', false, true)->nullable()->default(null);
            $table->foreign('limit_id', 'budget_limit_foreign')->references('id')->on('limits');
        });
        Schema::table('posts', function ($table) {
            $table->softDeletes();
            $table->unsignedMediumInteger('deleted_by_id')->nullable();
            $table->foreign('deleted_by_id')->references('user_id')->on('users');
        });
    }

    public function down(): void
    {
        Schema::table('orders', function (Blueprint $table) {
            $table->dropForeign(['customer_id']);
            $table->foreign('customer_id')->references('id')->on('customers');
            $table->string('label', 100)->change();
            $table->dropForeign(['invoice_id']);
            $table->dropColumn(['invoice_id', 'created_at', 'updated_at', 'note', 'currency']);
            $table->renameColumn('a', 'b');
        });
        Schema::dropIfExists('invoices');
    }
};
